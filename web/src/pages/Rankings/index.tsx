import { useEffect, useMemo, useState } from 'preact/hooks'
import type { AgencyRankingItem } from '../../../../shared/api.js'
import { landingPeriod } from '../../../../shared/ranking-periods.js'
import { addMonths, bangkokMonth, fiscalYearLabel, monthLabel } from '../../../../shared/time.js'
import { useApi } from '../../api/use-api.js'
import { Chart } from '../../components/Chart.js'
import { FiscalYearSelect } from '../../components/FiscalYearSelect.js'
import { LoadState } from '../../components/LoadState.js'
import { MonthPicker } from '../../components/MonthPicker.js'
import { RankChange } from '../../components/RankChange.js'
import { ReviewBadge } from '../../components/ReviewBadge.js'
import { Words } from '../../components/Words.js'
import { formatBangkokTime, formatNumber } from '../../i18n/format.js'
import { locale, t } from '../../i18n/index.js'
import { now } from '../../state/clock.js'
import { routeHash } from '../../state/navigation.js'
import { useStore } from '../../state/store.js'
import { ownItems, rankChangeNote, rankText } from './rankingView.js'
import { topTenChart, topTenTable } from './topTenChart.js'

type View = 'fy' | 'month'

/**
 * The ranking's rows rendered with the page's first data: more than a phone's screen below the chart. The rest
 * follow in the next task, once the page is on screen and its chart drawn (issue #18: rendering and laying out
 * every agency's row before the first paint was a third of a phone's time to usable).
 */
const FIRST_ROWS = 20

/**
 * The national agency ranking of a fiscal year to date or of one month, with the top ten as a chart. It opens
 * on the fiscal year to date (the last complete month while the year is in its first month); an executive's
 * own agencies are highlighted and named above the table.
 */
export function RankingsPage() {
  const { api, session, fy, route } = useStore()
  // A link to one month's ranking (`#/rankings/YYYY-MM`, from DGA's overview) opens on that month.
  const linked = route.value.page === 'rankings' ? route.value.month : undefined
  const [landing] = useState(() => (linked ? { month: linked } : landingPeriod(now())))
  const [view, setView] = useState<View>('fy' in landing ? 'fy' : 'month')
  // The month view starts on the last complete month: a month of a few days ranks mostly ties.
  const [month, setMonth] = useState('month' in landing ? landing.month : addMonths(bangkokMonth(now()), -1))
  const year = fy.value
  const state = useApi(
    () => api.agencyRanking(view === 'fy' ? { fy: year } : { month }),
    [view, view === 'fy' ? year : month],
  )
  const ranking = state.data
  // The first data's rows in two steps (FIRST_ROWS, then every one); later data (another period) all at once.
  const [allRows, setAllRows] = useState(false)
  const rowsComplete = allRows || (ranking?.items.length ?? 0) <= FIRST_ROWS
  useEffect(() => {
    if (!ranking || rowsComplete) return
    // After the paint of the first rows (effects run after it), in a task of its own.
    const timer = setTimeout(() => setAllRows(true), 0)
    return () => clearTimeout(timer)
  }, [ranking, rowsComplete])
  const rows = ranking && (rowsComplete ? ranking.items : ranking.items.slice(0, FIRST_ROWS))

  const lang = locale.value
  const number = (n: number) => formatNumber(n, lang)
  const own = session.value?.role === 'agency_exec' ? session.value.agencyIds : []
  // A DGA official may open any agency; an executive only their own (the API says 403 to the others).
  const canOpen = (agencyId: string) => session.value?.role === 'dga_admin' || own.includes(agencyId)
  const chart = useMemo(() => ranking && topTenChart(ranking.items, lang), [ranking, lang])
  const chartTable = useMemo(() => ranking && topTenTable(ranking.items, lang), [ranking, lang])
  const note = ranking ? rankChangeNote(ranking.period, lang) : undefined
  const empty = ranking?.items.every((i) => i.downloads === 0) ?? false
  const title =
    view === 'fy' ? `${fiscalYearLabel(year, lang)} (${t('rankingToDate')})` : monthLabel(month, lang)

  return (
    <section>
      <div class="toolbar">
        <h2>
          {t('agencyRanking')} · {title}
        </h2>
        <div class="controls">
          <fieldset class="segmented" data-testid="ranking-view">
            <legend class="visually-hidden">{t('rankingViewPeriod')}</legend>
            <button type="button" class="segment" aria-pressed={view === 'fy'} onClick={() => setView('fy')}>
              {t('rankingViewYear')}
            </button>
            <button
              type="button"
              class="segment"
              aria-pressed={view === 'month'}
              onClick={() => setView('month')}
            >
              {t('rankingViewMonth')}
            </button>
          </fieldset>
          {view === 'fy' ? (
            <FiscalYearSelect />
          ) : (
            <MonthPicker name="month" value={month} onChange={setMonth} />
          )}
        </div>
      </div>
      <LoadState loading={state.loading} error={state.error} retry={state.retry} />
      {ranking && !ranking.period.complete && (
        <p class="note">
          {view === 'fy' ? t('yearInProgress') : t('incomplete')}{' '}
          {formatBangkokTime(ranking.period.dataUpTo, lang)}
        </p>
      )}
      {ranking && own.length > 0 && <OwnStanding items={ownItems(ranking.items, own)} />}
      {ranking && empty && (
        <p class="note" data-testid="ranking-empty">
          {t('rankingNoData')}
        </p>
      )}
      {ranking && (
        <>
          {!empty && chart && chartTable && (
            <Chart config={chart} label={t('top10')} table={chartTable} tall />
          )}
          {note && (
            <p class="secondary" data-testid="rank-change-note" data-comparable={String(note.comparable)}>
              {note.text}
            </p>
          )}
          <table
            class="ranking"
            data-testid="agency-ranking"
            data-complete={rowsComplete ? 'true' : undefined}
            aria-busy={rowsComplete ? undefined : 'true'}
          >
            {/* Named for screen readers; the heading above says the same on screen. */}
            <caption class="visually-hidden">
              {t('agencyRanking')} · {title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('rank')}</th>
                <th scope="col">{t('agency')}</th>
                <th scope="col" class="num">
                  {t('downloads')}
                </th>
                <th scope="col" class="num">
                  {t('unique')}
                </th>
                <th scope="col" class="num">
                  {t('machine')}
                </th>
                {note?.comparable && (
                  <th scope="col" class="num">
                    {t('change')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {(rows ?? []).map((item) => {
                const mine = own.includes(item.agencyId)
                return (
                  <tr
                    key={item.agencyId}
                    data-agency-id={item.agencyId}
                    data-own={mine ? 'true' : undefined}
                    data-zero={item.downloads === 0 ? 'true' : undefined}
                    class={mine ? 'own' : undefined}
                  >
                    <td class={item.downloads === 0 ? 'secondary' : undefined}>{rankText(item, lang)}</td>
                    <td>
                      {canOpen(item.agencyId) ? (
                        <a href={routeHash({ page: 'agency', agencyId: item.agencyId })}>
                          <Words text={item.name[lang]} />
                        </a>
                      ) : (
                        <Words text={item.name[lang]} />
                      )}
                      {mine && <span class="badge own">{t('awardsYours')}</span>}
                      {item.review && <ReviewBadge review={item.review} />}
                      <div class="secondary" lang={lang === 'th' ? 'en' : 'th'}>
                        <Words text={item.name[lang === 'th' ? 'en' : 'th']} />
                      </div>
                    </td>
                    <td class="num">
                      {number(item.downloads)}
                      {item.awardCount !== undefined && (
                        <div class="secondary" data-testid="award-count">
                          {t('awardCount')} {number(item.awardCount)}
                        </div>
                      )}
                    </td>
                    <td class="num">{number(item.uniqueDownloads)}</td>
                    <td class="num">{number(item.machineDownloads)}</td>
                    {note?.comparable && (
                      <td class="num">
                        <RankChange change={item.rankChange} />
                      </td>
                    )}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}

/** The executive's own agencies in this ranking, named above the table so they need no scrolling to find. */
function OwnStanding({ items }: { items: AgencyRankingItem[] }) {
  const lang = locale.value
  return (
    <ul class="own-standing" data-testid="own-standing">
      {items.map((item) => (
        <li key={item.agencyId}>
          <strong>{t('rankingYourAgency')}</strong> {item.name[lang]} ·{' '}
          {item.downloads > 0 ? `${t('rank')} ${formatNumber(item.rank, lang)}` : t('rankingNoDownloadsYet')}{' '}
          · {formatNumber(item.downloads, lang)} {t('downloads')}
          {item.awardCount !== undefined && (
            <>
              {' '}
              · {t('awardCount')} {formatNumber(item.awardCount, lang)}
            </>
          )}
          {item.review && <ReviewBadge review={item.review} />}
        </li>
      ))}
    </ul>
  )
}
