import { useState } from 'preact/hooks'
import type { AgencyActionsResponse, DatasetAction, PerformanceResponse } from '../../../../shared/api.js'
import type { LocalizedText } from '../../../../shared/catalog.js'
import { groupLabel } from '../../../../shared/reports/labels.js'
import { useApi } from '../../api/use-api.js'
import { LoadState } from '../../components/LoadState.js'
import { Words } from '../../components/Words.js'
import { formatNumber } from '../../i18n/format.js'
import { locale, type MessageKey, t } from '../../i18n/index.js'
import { useStore } from '../../state/store.js'
import { extraNeededForMid, type WhatIfVerdict, whatIf } from './whatIf.js'

const VERDICT: Record<WhatIfVerdict, MessageKey> = {
  above_high: 'whatIfAboveHigh',
  above_mid: 'whatIfAboveMid',
  above_low: 'whatIfAboveLow',
  short: 'whatIfShort',
  unknown: 'whatIfUnknown',
}

/**
 * What an agency can act on: its datasets closest to a certificate, those without a download this year, its
 * peers of the same award group, and what adding downloads each month would change.
 */
export function ActionsSection({
  agencyId,
  performance,
}: {
  agencyId: string
  performance: PerformanceResponse
}) {
  const { api } = useStore()
  const fy = performance.fy
  const actions = useApi(() => api.agencyActions(agencyId, fy), [agencyId, fy])
  const a = actions.data
  return (
    <section class="actions-section" data-testid="what-to-do">
      <h3>{t('whatToDo')}</h3>
      {performance.outlook?.provisional && <WhatIfForm performance={performance} />}
      <LoadState loading={actions.loading} error={actions.error} retry={actions.retry} />
      {a && (
        <div class="action-grid">
          <Certificate certificate={a.certificate} />
          <Peers peers={a.peers} />
          <Silent noDownloads={a.noDownloads} />
        </div>
      )}
    </section>
  )
}

/** A dataset's title in the reader's language, linked to its page on the portal when there is one. */
function DatasetTitle({ title, url }: { title: LocalizedText; url?: string | undefined }) {
  const lang = locale.value
  return url ? (
    <a href={url} target="_blank" rel="noopener noreferrer" title={t('openOnPortal')}>
      {title[lang]}
    </a>
  ) : (
    <span>{title[lang]}</span>
  )
}

function Certificate({ certificate }: { certificate: AgencyActionsResponse['certificate'] }) {
  const lang = locale.value
  const n = (v: number) => formatNumber(v, lang)
  if (!certificate) return <p class="secondary">{t('noCertificateCategory')}</p>
  const status = (d: DatasetAction) =>
    d.awarded
      ? t('inCertificatePlace')
      : d.gapToCutoff === null
        ? '–'
        : `${t('toCutoff')} ${n(d.gapToCutoff)}`
  return (
    <article class="card" data-testid="certificate-chances">
      <h4>{t('certificateChances')}</h4>
      <p class="secondary">
        {t('certificateIntro')} · {t('cutoff')} {certificate.cutoff === null ? '–' : n(certificate.cutoff)}
        {certificate.projectedCutoff &&
          ` · ${t('projectedCutoffShort')} ≈ ${n(certificate.projectedCutoff.mid)} (${n(certificate.projectedCutoff.low)}–${n(certificate.projectedCutoff.high)})`}
      </p>
      {certificate.datasets.length === 0 ? (
        <p>{t('noDatasets')}</p>
      ) : (
        <table class="ranking">
          {/* Named for screen readers; the heading above says the same on screen. */}
          <caption class="visually-hidden">{t('certificateChances')}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                {t('nationalRank')}
              </th>
              <th scope="col">{t('dataset')}</th>
              <th scope="col" class="num">
                {t('downloads')}
              </th>
              <th scope="col">{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {certificate.datasets.map((d) => (
              <tr key={d.datasetId} data-dataset-id={d.datasetId} data-awarded={String(d.awarded)}>
                <td class="num">{n(d.rank)}</td>
                <td>
                  <DatasetTitle title={d.title} url={d.url} />
                </td>
                <td class="num">{n(d.downloads)}</td>
                <td>{status(d)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  )
}

function Peers({ peers }: { peers: AgencyActionsResponse['peers'] }) {
  const lang = locale.value
  const n = (v: number) => formatNumber(v, lang)
  return (
    <article class="card" data-testid="group-peers">
      <h4>
        {t('groupPeers')} · {groupLabel(peers.group)[lang]} ({n(peers.size)})
      </h4>
      <table class="ranking">
        {/* Named for screen readers; the heading above says the same on screen. */}
        <caption class="visually-hidden">
          {t('groupPeers')} · {groupLabel(peers.group)[lang]}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('groupRank')}
            </th>
            <th scope="col" class="num">
              {t('nationalRank')}
            </th>
            <th scope="col">{t('agency')}</th>
            <th scope="col" class="num">
              {t('downloads')}
            </th>
          </tr>
        </thead>
        <tbody>
          {peers.agencies.map((a) => (
            <tr key={a.agencyId} data-agency-id={a.agencyId} class={a.self ? 'own' : undefined}>
              <td class="num">{n(a.groupRank)}</td>
              <td class="num">{n(a.rank)}</td>
              <td>
                <Words text={a.name[lang]} />
              </td>
              <td class="num">{n(a.downloads)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  )
}

function Silent({ noDownloads }: { noDownloads: AgencyActionsResponse['noDownloads'] }) {
  const lang = locale.value
  const more = noDownloads.total - noDownloads.datasets.length
  return (
    <article class="card" data-testid="silent-datasets">
      <h4>
        {t('silentDatasets')} ({formatNumber(noDownloads.total, lang)})
      </h4>
      {noDownloads.total === 0 ? (
        <p class="secondary">{t('silentNone')}</p>
      ) : (
        <ul>
          {noDownloads.datasets.map((d) => (
            <li key={d.datasetId} data-dataset-id={d.datasetId}>
              <DatasetTitle title={d.title} url={d.url} />
            </li>
          ))}
          {more > 0 && (
            <li class="secondary">
              {t('silentMore')} {formatNumber(more, lang)}
            </li>
          )}
        </ul>
      )}
    </article>
  )
}

/** "If we add N downloads a month, where do we end?" against the projected year-end cut-off. */
function WhatIfForm({ performance }: { performance: PerformanceResponse }) {
  const lang = locale.value
  const n = (v: number) => formatNumber(v, lang)
  const needed = extraNeededForMid(performance)
  const [extra, setExtra] = useState(needed ?? 0)
  const answer = whatIf(performance, extra)
  return (
    <div class="what-if" data-testid="what-if">
      <label>
        {t('whatIfHeading')} · {t('whatIfLabel')}{' '}
        <input
          type="number"
          name="what-if"
          min={0}
          step={1}
          value={extra}
          onInput={(e) => setExtra(Number(e.currentTarget.value))}
        />
      </label>
      <p data-testid="what-if-answer" data-verdict={answer.verdict}>
        {t('whatIfEnd')} {n(answer.end)} · {t(VERDICT[answer.verdict])}
        {answer.verdict === 'short' && answer.shortOfMid !== null && ` ${n(answer.shortOfMid)}`}
        {needed !== null && needed > 0 && ` · ${t('whatIfNeeded')} ${n(needed)}`}
      </p>
    </div>
  )
}
