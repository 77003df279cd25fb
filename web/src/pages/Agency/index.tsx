import { useMemo } from 'preact/hooks'
import { fiscalYearLabel } from '../../../../shared/time.js'
import { useApi } from '../../api/use-api.js'
import { AgencyPicker } from '../../components/AgencyPicker.js'
import { Chart } from '../../components/Chart.js'
import { FiscalYearSelect } from '../../components/FiscalYearSelect.js'
import { LoadState } from '../../components/LoadState.js'
import { RankChange } from '../../components/RankChange.js'
import { ReviewBadge } from '../../components/ReviewBadge.js'
import { StatCard } from '../../components/StatCard.js'
import { Words } from '../../components/Words.js'
import { formatBangkokTime, formatNumber } from '../../i18n/format.js'
import { locale, t } from '../../i18n/index.js'
import { agencyOfRoute, routeHash } from '../../state/navigation.js'
import { useStore } from '../../state/store.js'
import { ActionsSection } from './ActionsSection.js'
import { EarlierCountsSection } from './EarlierCountsSection.js'
import { headlineCards } from './headlineCards.js'
import { IntegritySection } from './IntegritySection.js'
import { CHIP, outlookHeadline } from './outlook.js'
import { performanceChart, performanceTable } from './performanceChart.js'
import { type ReviewNotice, reviewNotice } from './review.js'

/** An agency's fiscal year against its award target: the executive's home, and any agency for DGA. */
export function AgencyPage() {
  const { route, session } = useStore()
  const agencyId = agencyOfRoute(route.value, session.value?.agencyIds ?? [])
  // A DGA official may choose any agency here; an executive sees their own.
  const canPick = session.value?.role === 'dga_admin'
  if (!agencyId)
    return (
      <section>
        <div class="toolbar">
          <h2>{t('performance')}</h2>
          {canPick && (
            <div class="controls">
              <AgencyPicker />
              <FiscalYearSelect />
            </div>
          )}
        </div>
        {canPick ? (
          <p>{t('pickAgencyPrompt')}</p>
        ) : (
          <p>
            {t('chooseAgency')} · <a href={routeHash({ page: 'rankings' })}>{t('openRankings')}</a>
          </p>
        )}
      </section>
    )
  return <AgencyPerformance agencyId={agencyId} canPick={canPick} />
}

function AgencyPerformance({ agencyId, canPick }: { agencyId: string; canPick: boolean }) {
  const { api, fy } = useStore()
  const year = fy.value
  const lang = locale.value
  const performance = useApi(() => api.agencyPerformance(agencyId, year), [agencyId, year])
  const p = performance.data
  const cards = useMemo(() => (p ? headlineCards(p, lang) : []), [p, lang])
  const chart = useMemo(() => (p ? performanceChart(p, lang) : undefined), [p, lang])
  const chartTable = useMemo(() => (p ? performanceTable(p, lang) : undefined), [p, lang])
  const outlook = p ? outlookHeadline(p, lang) : undefined
  const review = p ? reviewNotice(p, lang) : undefined

  return (
    <section>
      <div class="toolbar">
        <div>
          <h2 data-testid="agency-name">{p ? <Words text={p.name[lang]} /> : t('performance')}</h2>
          {p && (
            <div class="secondary" lang={lang === 'th' ? 'en' : 'th'}>
              {p.name[lang === 'th' ? 'en' : 'th']}
            </div>
          )}
        </div>
        <div class="controls">
          {canPick && <AgencyPicker agencyId={agencyId} />}
          <FiscalYearSelect />
        </div>
      </div>
      <LoadState loading={performance.loading} error={performance.error} retry={performance.retry} />
      {p && !p.period.complete && (
        <p class="note">
          {t('yearInProgress')} {formatBangkokTime(p.period.dataUpTo, lang)}
        </p>
      )}
      {outlook && (
        <p class={`outlook ${outlook.tone}`} data-testid="outlook" data-status={outlook.status}>
          <span class={`chip ${CHIP[outlook.tone]}`} data-testid="status-chip">
            {outlook.label}
          </span>{' '}
          {outlook.text}
        </p>
      )}
      {review && <ReviewSection notice={review} />}
      {p && chart && chartTable && (
        <>
          <div class="stats" data-testid="headline-cards">
            {cards.map((card) => (
              <StatCard key={card.id} card={card} />
            ))}
          </div>
          <h3>
            {t('cumulativeChart')} · {fiscalYearLabel(p.fy, lang)}
          </h3>
          <Chart config={chart} label={t('cumulativeChart')} table={chartTable} tall />
          <TopDatasets agencyId={agencyId} fy={year} />
          <EarlierCountsSection performance={p} />
          <ActionsSection agencyId={agencyId} performance={p} />
        </>
      )}
      <IntegritySection agencyId={agencyId} fy={year} />
    </section>
  )
}

/** DGA's review of the agency: the badge, what it means for the award in plain words, and DGA's reason. */
function ReviewSection({ notice }: { notice: ReviewNotice }) {
  return (
    <div class={`review-notice ${notice.tone}`} data-testid="agency-review" data-decision={notice.decision}>
      <strong>{t('agencyReviewTitle')}</strong> <ReviewBadge review={notice} />
      <p data-testid="agency-review-sentence">{notice.sentence}</p>
      <p>
        {t('agencyReviewReason')}: <span data-testid="agency-review-reason">{notice.reason}</span>
      </p>
      {notice.periods.length > 0 && (
        <p class="secondary">
          {t('reviewDays')}: {notice.periods.join(', ')}
        </p>
      )}
    </div>
  )
}

/** The agency's ten most downloaded datasets of the year, with their national ranks. */
function TopDatasets({ agencyId, fy }: { agencyId: string; fy: number }) {
  const { api } = useStore()
  const lang = locale.value
  const datasets = useApi(() => api.datasetRanking({ fy }, { agencyId, limit: 10 }), [agencyId, fy])
  const items = datasets.data?.items.filter((d) => d.downloads > 0) ?? []
  return (
    <>
      <h3>{t('topDatasets')}</h3>
      <LoadState loading={datasets.loading} error={datasets.error} retry={datasets.retry} />
      {datasets.data && items.length === 0 && <p>{t('noDatasets')}</p>}
      {items.length > 0 && (
        <table class="ranking" data-testid="agency-datasets">
          {/* Named for screen readers; the heading above says the same on screen. */}
          <caption class="visually-hidden">{t('topDatasets')}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                {t('nationalRank')}
              </th>
              <th scope="col">{t('dataset')}</th>
              <th scope="col" class="num">
                {t('downloads')}
              </th>
              <th scope="col" class="num">
                {t('unique')}
              </th>
              <th scope="col" class="num">
                {t('change')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.datasetId} data-dataset-id={d.datasetId}>
                <td class="num">{formatNumber(d.rank, lang)}</td>
                <td>
                  <Words text={d.title[lang]} />
                  <div class="secondary" lang={lang === 'th' ? 'en' : 'th'}>
                    <Words text={d.title[lang === 'th' ? 'en' : 'th']} />
                  </div>
                </td>
                <td class="num">{formatNumber(d.downloads, lang)}</td>
                <td class="num">{formatNumber(d.uniqueDownloads, lang)}</td>
                <td class="num">
                  <RankChange change={d.rankChange} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
