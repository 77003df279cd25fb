import { useMemo, useState } from 'preact/hooks'
import { INTEGRITY_THRESHOLDS } from '../../../../shared/integrity.js'
import { bangkokMonth, fiscalYearLabel, monthLabel } from '../../../../shared/time.js'
import { ApiError, type Period } from '../../api/client.js'
import { useApi } from '../../api/use-api.js'
import { LoadState } from '../../components/LoadState.js'
import { StatCard } from '../../components/StatCard.js'
import { formatBangkokTime, formatNumber } from '../../i18n/format.js'
import { locale, t } from '../../i18n/index.js'
import { now } from '../../state/clock.js'
import { firstPage } from '../../state/first-page.js'
import { useStore } from '../../state/store.js'
import { datasetRows, execSummary, leftOutFigures, signalViews, warningCount } from './integrity.js'

/**
 * What the counting rules left out of an agency's downloads and the warning signs of gaming, for the fiscal
 * year chosen or (in the current fiscal year) the current month. The API decides who may see it.
 */
export function IntegritySection({ agencyId, fy }: { agencyId: string; fy: number }) {
  const { api, currentFy, session } = useStore()
  // Executives read a plain-language summary of their own agency; DGA reads the evidence.
  const exec = session.value?.role === 'agency_exec'
  const lang = locale.value
  const [span, setSpan] = useState<'fy' | 'month'>('fy')
  const month = bangkokMonth(now())
  const byMonth = span === 'month' && fy === currentFy
  const period: Period = byMonth ? { month } : { fy }
  const integrity = useApi(
    firstPage.after(() => api.agencyIntegrity(agencyId, period)),
    [agencyId, fy, byMonth],
  )
  const r = integrity.data
  const figures = useMemo(() => (r ? leftOutFigures(r, lang) : []), [r, lang])
  const signals = useMemo(() => (r ? signalViews(r, lang) : []), [r, lang])
  const rows = useMemo(() => (r ? datasetRows(r, lang) : []), [r, lang])
  const warnings = r ? warningCount(r) : 0
  const forbidden = integrity.error instanceof ApiError && integrity.error.status === 403

  return (
    <section class="integrity" data-testid="integrity" aria-labelledby="integrity-heading">
      <div class="toolbar">
        <div>
          <h3 id="integrity-heading">
            {t('integrity')} · {byMonth ? monthLabel(month, lang) : fiscalYearLabel(fy, lang)}
          </h3>
          <div class="secondary">{t('integrityIntro')}</div>
        </div>
        {fy === currentFy && !forbidden && (
          <fieldset class="segmented">
            <legend class="visually-hidden">{t('integrityPeriod')}</legend>
            <button type="button" class="segment" aria-pressed={!byMonth} onClick={() => setSpan('fy')}>
              {t('fiscalYear')}
            </button>
            <button type="button" class="segment" aria-pressed={byMonth} onClick={() => setSpan('month')}>
              {t('thisMonth')}
            </button>
          </fieldset>
        )}
      </div>
      {forbidden ? (
        <p class="note" role="status" data-testid="integrity-forbidden">
          {t('integrityForbidden')}
        </p>
      ) : (
        <LoadState loading={integrity.loading} error={integrity.error} retry={integrity.retry} />
      )}
      {r && (
        <>
          {!r.period.complete && (
            <p class="note">
              {byMonth ? t('incomplete') : t('yearInProgress')} {formatBangkokTime(r.period.dataUpTo, lang)}
            </p>
          )}
          <div class="stats" data-testid="integrity-figures">
            {figures.map((card) => (
              <StatCard key={card.id} card={card} />
            ))}
          </div>
          {exec && <ExecSummaryView summary={execSummary(r, lang)} />}
          {!exec && <h4>{t('warningSigns')}</h4>}
          <div
            hidden={exec}
            class={`verdict ${warnings > 0 ? 'warn' : 'good'}`}
            data-testid="integrity-verdict"
            data-warnings={warnings}
          >
            <strong>{warnings > 0 ? `${t('warningsFound')} (${warnings})` : t('noWarnings')}</strong>
            {warnings === 0 && <div>{t('noWarningsDetail')}</div>}
          </div>
          <ul class="signals" data-testid="integrity-signals" hidden={exec}>
            {signals.map((s) => (
              <li
                key={s.id}
                class={s.warning ? 'warn' : 'good'}
                data-signal={s.scope ? `${s.scope}-${s.kind}` : s.kind}
                data-warning={s.warning}
              >
                <span class={`badge ${s.warning ? 'alert' : 'clear'}`}>
                  {s.warning ? t('warningBadge') : t('clearBadge')}
                </span>
                <strong>{s.title}</strong>
                <div class="secondary">{s.evidence}</div>
              </li>
            ))}
          </ul>
          {rows.length > 0 && !exec && (
            <>
              <h4>{t('datasetIntegrity')}</h4>
              <table class="ranking" data-testid="integrity-datasets">
                {/* Named for screen readers; the heading above says the same on screen. */}
                <caption class="visually-hidden">{t('datasetIntegrity')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dataset')}</th>
                    <th scope="col" class="num">
                      {t('downloads')}
                    </th>
                    <th scope="col" class="num">
                      {t('robots')}
                    </th>
                    <th scope="col" class="num">
                      {t('doubleClicks')}
                    </th>
                    <th scope="col" class="num">
                      {t('harvesters')}
                    </th>
                    <th scope="col" class="num">
                      {t('topClientShare')}
                    </th>
                    <th scope="col" class="num">
                      {t('spikeColumn')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((d) => (
                    <tr key={d.datasetId} data-dataset-id={d.datasetId} data-warning={d.warning || undefined}>
                      <td>
                        {d.warning && <span class="badge alert">{t('warningBadge')}</span>}
                        {d.title}
                        <div class="secondary">{d.secondaryTitle}</div>
                      </td>
                      <td class="num">{d.downloads}</td>
                      <td class="num">{d.robots}</td>
                      <td class="num">{d.doubleClicks}</td>
                      <td class="num">{d.harvesters}</td>
                      <td class={d.judged ? 'num' : 'num secondary'}>{d.topClientShare}</td>
                      <td
                        class={d.spikeWarning ? 'num alert' : 'num'}
                        title={d.spikeEvidence}
                        data-spike={d.spike}
                      >
                        {d.spike}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p class="secondary">
                {t('smallDatasetsNote')} {formatNumber(INTEGRITY_THRESHOLDS.minDownloads, lang)} ·{' '}
                {t('smallSampleNote')} {formatNumber(INTEGRITY_THRESHOLDS.minDownloads, lang)}{' '}
                {t('smallSampleDaily')} {formatNumber(INTEGRITY_THRESHOLDS.minDailyDownloads, lang)}{' '}
                {t('smallSamplePerDay')}
              </p>
            </>
          )}
        </>
      )}
    </section>
  )
}

/** What an executive reads about their agency's counts: what was left out, and what DGA will look at. */
function ExecSummaryView({ summary }: { summary: ReturnType<typeof execSummary> }) {
  return (
    <div class={`verdict ${summary.clean ? 'good' : 'warn'}`} data-testid="integrity-summary">
      <strong>{t('execSummaryTitle')}</strong>
      <p>{summary.clean ? t('execSummaryClean') : t('execSummaryWarn')}</p>
      {summary.concerns.length > 0 && (
        <ul>
          {summary.concerns.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      <p class="secondary">{summary.leftOut}</p>
    </div>
  )
}
