import { useState } from 'preact/hooks'
import type { AwardCategoryView, AwardsResponse } from '../../../../shared/api.js'
import type { LocalizedText } from '../../../../shared/catalog.js'
import { fiscalYearLabel } from '../../../../shared/time.js'
import { useApi } from '../../api/use-api.js'
import { FiscalYearSelect } from '../../components/FiscalYearSelect.js'
import { lazy } from '../../components/Lazy.js'
import { LoadState } from '../../components/LoadState.js'
import { ReviewBadge } from '../../components/ReviewBadge.js'
import { Words } from '../../components/Words.js'
import { formatBangkokTime, formatNumber } from '../../i18n/format.js'
import { locale, t } from '../../i18n/index.js'
import { useStore } from '../../state/store.js'
import { awardRows, categoryTitle, standingStatus } from './awardRows.js'
import { CertifiedNote } from './CertifiedNote.js'

/** DGA's panels of this page, chunks of their own: an executive's Awards page never loads them. */
const CertificationPanel = lazy(() => import('./Certification.js').then((m) => m.CertificationPanel))
const ReviewQueue = lazy(() => import('./ReviewQueue.js').then((m) => m.ReviewQueue))

/** Standings shown per category reach twice the places, and ties past them: this covers their names. */
const DATASET_NAMES_LIMIT = 200

/**
 * The award standings of a fiscal year: each category's cut-off, its awarded entries and ties at the cut-off;
 * provisional while the year runs, with each category's projected year-end cut-off. An executive's own agency
 * and datasets are highlighted and shown however far down they rank.
 */
export function AwardsPage() {
  const { api, fy, session } = useStore()
  // Bumped after a review decision: the standings are read again.
  const [revision, setRevision] = useState(0)
  const own = session.value?.role === 'agency_exec' ? session.value.agencyIds : []
  const year = fy.value
  const lang = locale.value
  // Standings carry ids; names come from the year's rankings.
  const state = useApi(async () => {
    const [awards, agencies, datasets] = await Promise.all([
      api.awards(year),
      api.agencyRanking({ fy: year }),
      api.datasetRanking({ fy: year }, { limit: DATASET_NAMES_LIMIT }),
    ])
    const names = new Map<string, LocalizedText>([
      ...agencies.items.map((a) => [a.agencyId, a.name] as const),
      ...datasets.items.map((d) => [d.datasetId, d.title] as const),
    ])
    return { awards, names }
  }, [year, revision])
  const data = state.data

  return (
    <section>
      <div class="toolbar">
        <h2>
          {t('awards')} · {fiscalYearLabel(year, lang)}
        </h2>
        <FiscalYearSelect />
      </div>
      <LoadState loading={state.loading} error={state.error} retry={state.retry} />
      {data && (
        <>
          <p class="secondary">
            {data.awards.programme.source === 'set' ? t('programmeSet') : t('programmeDefault')}
            {!data.awards.period.complete &&
              ` · ${t('yearInProgress')} ${formatBangkokTime(data.awards.period.dataUpTo, lang)}`}
          </p>
          {data.awards.certified && <CertifiedNote certified={data.awards.certified} />}
          {data.awards.noData ? (
            <p class="note" role="status" data-testid="awards-no-data">
              {t('awardsNoData')}
            </p>
          ) : (
            <>
              <p
                class={provisional(data.awards) ? 'note' : 'secondary'}
                data-testid="awards-status"
                data-provisional={String(provisional(data.awards))}
              >
                {provisional(data.awards) ? t('awardsProvisional') : t('awardsFinal')}
              </p>
              <div class="categories">
                {data.awards.categories.map((category) => (
                  <AwardCategory
                    key={category.id}
                    category={category}
                    names={data.names}
                    provisional={provisional(data.awards)}
                    own={own}
                  />
                ))}
              </div>
            </>
          )}
          {session.value?.role === 'dga_admin' && !data.awards.noData && (
            <CertificationPanel
              fy={year}
              ended={data.awards.period.complete}
              onCertified={() => setRevision((r) => r + 1)}
            />
          )}
          {session.value?.role === 'dga_admin' && !data.awards.noData && (
            <ReviewQueue
              fy={year}
              names={data.names}
              revision={revision}
              onDecided={() => setRevision((r) => r + 1)}
            />
          )}
        </>
      )}
    </section>
  )
}

/** Standings are provisional while the fiscal year runs (an answer without the flag: while its period does). */
const provisional = (awards: AwardsResponse) => awards.provisional ?? !awards.period.complete

function AwardCategory({
  category,
  names,
  provisional,
  own,
}: {
  category: AwardCategoryView
  names: ReadonlyMap<string, LocalizedText>
  provisional: boolean
  own: readonly string[]
}) {
  const lang = locale.value
  const n = (value: number) => formatNumber(value, lang)
  const rows = awardRows(category, names, lang, own)
  const projected = provisional ? category.projectedCutoff : undefined
  return (
    <article class="card category" data-category={category.id}>
      <h3>{categoryTitle(category, lang)}</h3>
      <dl class="facts">
        <div>
          <dt>{t('places')}</dt>
          <dd data-testid="places">{n(category.places)}</dd>
        </div>
        <div>
          <dt>{provisional ? t('awardsCutoffSoFar') : t('cutoff')}</dt>
          <dd data-testid="cutoff">
            {category.cutoff === null ? '–' : `${n(category.cutoff)} ${t('downloads')}`}
          </dd>
        </div>
        {projected && (
          <div>
            <dt>{t('awardsProjectedCutoff')}</dt>
            <dd data-testid="projected-cutoff">
              ≈ {n(projected.mid)}{' '}
              <span class="secondary">
                ({n(projected.low)}–{n(projected.high)})
              </span>
            </dd>
          </div>
        )}
        <div>
          <dt>{provisional ? t('awardsQualifyingNow') : t('qualifying')}</dt>
          <dd>{n(category.qualifying)}</dd>
        </div>
      </dl>
      {category.ties && (
        <p class="tie-note" role="note">
          <span class="badge tie">{t('tiedAtCutoff')}</span> {t('tiesNote')}
        </p>
      )}
      <table class="ranking standings">
        {/* Named for screen readers; the heading above says the same on screen. */}
        <caption class="visually-hidden">{categoryTitle(category, lang)}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('rank')}
            </th>
            <th scope="col">{category.subject === 'agency' ? t('agency') : t('dataset')}</th>
            <th scope="col" class="num">
              {t('downloads')}
            </th>
            <th scope="col">{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => [
            row.gapBefore && (
              <tr key={`gap-${row.key}`} class="gap-row" data-testid="gap-row">
                <td colSpan={4} title={t('awardsRowsNotShown')}>
                  …
                </td>
              </tr>
            ),
            row.firstBelowCutoff && (
              <tr key={`cutoff-${row.key}`} class="cutoff-row">
                <td colSpan={4}>
                  {provisional ? t('awardsCutoffLineNow') : t('cutoffLine')} ·{' '}
                  {category.cutoff === null ? '–' : n(category.cutoff)}
                </td>
              </tr>
            ),
            <tr
              key={row.key}
              data-awarded={String(row.awarded)}
              data-tied={row.tiedAtCutoff ? 'true' : undefined}
              data-own={row.own ? 'true' : undefined}
              data-id={row.key}
              class={[
                row.awarded ? 'awarded' : '',
                row.firstBelowCutoff ? 'below-cutoff' : '',
                row.own ? 'own' : '',
              ]
                .join(' ')
                .trim()}
            >
              <td class="num">{n(row.rank)}</td>
              <td>
                <Words text={row.name} />
                {row.own && <span class="badge own">{t('awardsYours')}</span>}
                {row.agency && (
                  <div class="secondary">
                    <Words text={row.agency} />
                  </div>
                )}
              </td>
              <td class="num">
                {n(row.downloads)}
                {row.awardCount !== undefined && (
                  <div class="secondary" data-testid="award-count">
                    {t('awardCount')} {n(row.awardCount)}
                  </div>
                )}
              </td>
              <td>
                {row.awarded ? (
                  <span class="badge won chip good">{t(standingStatus(true, provisional))}</span>
                ) : (
                  t(standingStatus(false, provisional))
                )}
                {row.tiedAtCutoff && <span class="badge tie chip warn">{t('tiedAtCutoff')}</span>}
                {row.review && <ReviewBadge review={row.review} />}
              </td>
            </tr>,
          ])}
        </tbody>
      </table>
    </article>
  )
}
