import { useMemo, useState } from 'preact/hooks'
import {
  type CategoryMovers,
  type Mover,
  type OverviewAgency,
  type OverviewResponse,
  zeroDownloadAgencies,
} from '../../../../shared/overview.js'
import { bangkokMonth, fiscalYearLabel, monthLabel } from '../../../../shared/time.js'
import { useApi } from '../../api/use-api.js'
import { LoadState } from '../../components/LoadState.js'
import { MonthPicker } from '../../components/MonthPicker.js'
import { formatNumber } from '../../i18n/format.js'
import { locale, t } from '../../i18n/index.js'
import { now } from '../../state/clock.js'
import { routeHash } from '../../state/navigation.js'
import { useStore } from '../../state/store.js'
import { categoryTitle } from '../Awards/awardRows.js'
import { type AgencyFilter, filterByAgency, groupLabel, groupsOf } from './agencyFilter.js'
import { changeText, comparisonLabel, figureCards } from './figures.js'
import { ot } from './messages.js'
import { Sparkline } from './Sparkline.js'
import './overview.css'
import { Words } from '../../components/Words.js'

/** Entries a list shows before "show all". */
const LIST_LIMIT = 12

/**
 * DGA's overview of a month ("this month" by default): national figures with their change and trend, then,
 * filtered by agency name (Thai or English) and award group, the movers into and out of award places, new
 * integrity warnings, the agencies without downloads and every agency. Each figure links to its source.
 */
export function OverviewPage() {
  const { api } = useStore()
  const lang = locale.value
  const [month, setMonth] = useState(() => bangkokMonth(now()))
  const [filter, setFilter] = useState<AgencyFilter>({ query: '', group: '' })
  const state = useApi(() => api.overview(month), [month])
  const data = state.data

  return (
    <section data-testid="overview">
      <div class="toolbar">
        <h2>
          {ot('overview')} · {monthLabel(month, lang)}
        </h2>
        <div class="controls">
          <MonthPicker name="overview-month" value={month} onChange={setMonth} />
        </div>
      </div>
      <p class="secondary">{ot('overviewIntro')}</p>
      <LoadState loading={state.loading} error={state.error} retry={state.retry} />
      {data && data.month === month && <OverviewBody data={data} filter={filter} onFilter={setFilter} />}
    </section>
  )
}

function OverviewBody(props: {
  data: OverviewResponse
  filter: AgencyFilter
  onFilter: (f: AgencyFilter) => void
}) {
  const { data, filter } = props
  const lang = locale.value
  const agencies = useMemo(() => new Map(data.agencies.map((a) => [a.agencyId, a])), [data])
  const byAgency = <T extends { agencyId: string }>(entries: readonly T[]) =>
    filterByAgency(entries, filter, (e) => agencies.get(e.agencyId))
  const shown = byAgency(data.agencies)
  const comparison = data.comparison
  return (
    <>
      <p class="secondary" data-testid="overview-comparison">
        {!data.period.complete && `${ot('overviewMonthInProgress')} · `}
        {comparison ? `${ot('comparedWith')} ${comparisonLabel(comparison, lang)}` : ot('noComparison')}
      </p>
      <div class="stats overview-figures" data-testid="overview-figures">
        {figureCards(data, lang).map((card) => (
          <div key={card.id} class="stat" data-figure={card.id}>
            <div class="stat-label">{card.label}</div>
            <div class="stat-value">{card.value}</div>
            {card.change && (
              <div class={`change ${card.change.direction}`}>
                <span aria-hidden="true">{card.change.text}</span>
                <span class="visually-hidden">{card.change.spoken}</span>
              </div>
            )}
            <Sparkline values={card.trend} label={card.trendText} />
            <a class="stat-detail" href={card.source.href} data-source={card.id}>
              {ot('figureSource')}: {card.source.label}
            </a>
          </div>
        ))}
      </div>
      <FilterBar agencies={data.agencies} filter={filter} onFilter={props.onFilter} shown={shown.length} />
      <div class="overview-sections">
        <MoversSection data={data} byAgency={byAgency} />
        <WarningsSection warnings={byAgency(data.warnings)} />
        <ZeroSection agencies={zeroDownloadAgencies(shown)} />
      </div>
      <AgencyTable agencies={shown} fy={data.fy} hasComparison={comparison !== null} />
    </>
  )
}

function FilterBar(props: {
  agencies: readonly OverviewAgency[]
  filter: AgencyFilter
  onFilter: (f: AgencyFilter) => void
  shown: number
}) {
  const lang = locale.value
  const { filter } = props
  return (
    <search class="overview-filter" data-testid="overview-filter">
      <label>
        {ot('searchAgency')}
        <input
          type="search"
          name="agency-search"
          value={filter.query}
          placeholder={ot('searchPlaceholder')}
          onInput={(e) => props.onFilter({ ...filter, query: e.currentTarget.value })}
        />
      </label>
      <label>
        {ot('awardGroup')}
        <select
          name="award-group"
          value={filter.group}
          onChange={(e) => props.onFilter({ ...filter, group: e.currentTarget.value })}
        >
          <option value="">{ot('allGroups')}</option>
          {groupsOf(props.agencies, lang).map((g) => (
            <option key={g.group} value={g.group}>
              {g.label}
            </option>
          ))}
        </select>
      </label>
      <p class="secondary" role="status" data-testid="overview-filter-count">
        {props.shown === 0
          ? ot('filterNone')
          : `${ot('filterShowing')} ${formatNumber(props.shown, lang)} ${ot('filterOf')} ${formatNumber(props.agencies.length, lang)} ${ot('filterAgencies')}`}
      </p>
    </search>
  )
}

const agencyHref = (agencyId: string) => routeHash({ page: 'agency', agencyId })

function MoversSection(props: {
  data: OverviewResponse
  byAgency: <T extends { agencyId: string }>(entries: readonly T[]) => T[]
}) {
  const lang = locale.value
  const movers = props.data.movers
  const last = props.data.lastMonthMovers
  return (
    <section data-testid="overview-movers">
      <h3>{ot('movers')}</h3>
      {movers === null ? (
        <p class="secondary">{ot('moversNone')}</p>
      ) : (
        <>
          <p class="secondary">
            {ot('moversIntro')} {monthLabel(movers.comparedWith, lang)} ·{' '}
            <a href={routeHash({ page: 'awards' })}>{fiscalYearLabel(props.data.fy, lang)}</a>
          </p>
          {movers.categories.map((c) => (
            <CategoryMoversList key={c.category} category={c} byAgency={props.byAgency} />
          ))}
        </>
      )}
      {last && (
        <div data-testid="overview-last-month-movers">
          <h4>
            {ot('moversLastMonth')} {monthLabel(last.month, lang)}
          </h4>
          <p class="secondary">
            {ot('moversIntro')} {monthLabel(last.comparedWith, lang)}
          </p>
          {last.categories.map((c) => (
            <CategoryMoversList key={c.category} category={c} byAgency={props.byAgency} nested />
          ))}
        </div>
      )}
    </section>
  )
}

function CategoryMoversList(props: {
  /** Under the month just ended's own heading: one level down. */
  nested?: boolean
  category: CategoryMovers
  byAgency: <T extends { agencyId: string }>(entries: readonly T[]) => T[]
}) {
  const { category } = props
  const Heading = props.nested ? 'h5' : 'h4'
  const into = props.byAgency(category.into)
  const outOf = props.byAgency(category.outOf)
  return (
    <div data-category={category.category}>
      <Heading>
        <a href={routeHash({ page: 'awards' })}>{categoryTitle({ id: category.category }, locale.value)}</a>
      </Heading>
      {into.length === 0 && outOf.length === 0 ? (
        <p class="secondary">{ot('moversNoChange')}</p>
      ) : (
        <ul class="overview-list">
          {into.map((m) => (
            <MoverItem key={`in-${m.id}`} mover={m} direction="into" subject={category.subject} />
          ))}
          {outOf.map((m) => (
            <MoverItem key={`out-${m.id}`} mover={m} direction="outOf" subject={category.subject} />
          ))}
        </ul>
      )}
    </div>
  )
}

function MoverItem(props: { mover: Mover; direction: 'into' | 'outOf'; subject: 'agency' | 'dataset' }) {
  const lang = locale.value
  const { mover } = props
  const rank = (r: number | null) => (r === null ? ot('notRanked') : formatNumber(r, lang))
  return (
    <li data-mover={props.direction} data-id={mover.id}>
      <span class={`chip ${props.direction === 'into' ? 'good' : 'warn'}`}>
        {ot(props.direction === 'into' ? 'moversInto' : 'moversOutOf')}
      </span>{' '}
      <a href={agencyHref(mover.agencyId)} class="long-text">
        <Words text={mover.name[lang]} />
      </a>
      <div class="secondary">
        {ot('rankWas')} {rank(mover.previousRank)} → {ot('rankNow')} {rank(mover.rank)} ·{' '}
        {formatNumber(mover.downloads, lang)} {t('downloads')}
      </div>
    </li>
  )
}

function WarningsSection({ warnings }: { warnings: OverviewResponse['warnings'] }) {
  const lang = locale.value
  return (
    <section data-testid="overview-warnings">
      <h3>{ot('newWarnings')}</h3>
      <p class="secondary">{ot('newWarningsIntro')}</p>
      {warnings.length === 0 ? (
        <p>
          <span class="chip good">{ot('newWarningsNone')}</span>
        </p>
      ) : (
        <ul class="overview-list">
          {warnings.map((w) => (
            <li key={w.agencyId} data-agency-id={w.agencyId}>
              <a href={agencyHref(w.agencyId)} class="long-text">
                <Words text={w.name[lang]} />
              </a>{' '}
              · {formatNumber(w.downloads, lang)} {t('downloads')}
              <div>
                {w.kinds.map((k) => (
                  <span key={k} class="chip warn">
                    {ot(k === 'spike' ? 'warningSpike' : 'warningConcentration')}
                  </span>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function ZeroSection({ agencies }: { agencies: OverviewAgency[] }) {
  const lang = locale.value
  const [all, setAll] = useState(false)
  const shown = all ? agencies : agencies.slice(0, LIST_LIMIT)
  return (
    <section data-testid="overview-zero">
      <h3>
        {ot('zeroAgencies')} ({formatNumber(agencies.length, lang)})
      </h3>
      {agencies.length === 0 ? (
        <p class="secondary">{ot('zeroNone')}</p>
      ) : (
        <ul class="overview-list">
          {shown.map((a) => (
            <li key={a.agencyId} data-agency-id={a.agencyId}>
              <a href={agencyHref(a.agencyId)} class="long-text">
                <Words text={a.name[lang]} />
              </a>
              <div class="secondary">
                {groupLabel(a.group, lang)} ·{' '}
                {a.fyDownloads === 0
                  ? ot('zeroAllYear')
                  : `${ot('zeroThisYear')} ${formatNumber(a.fyDownloads, lang)} ${t('downloads')}`}
              </div>
            </li>
          ))}
        </ul>
      )}
      {!all && agencies.length > LIST_LIMIT && (
        <button type="button" class="link" onClick={() => setAll(true)}>
          {ot('showAll')} ({formatNumber(agencies.length, lang)})
        </button>
      )}
    </section>
  )
}

function AgencyTable(props: { agencies: OverviewAgency[]; fy: number; hasComparison: boolean }) {
  const lang = locale.value
  const other = lang === 'th' ? 'en' : 'th'
  return (
    <table class="ranking" data-testid="overview-agencies">
      <caption>{ot('agenciesTable')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('agency')}</th>
          <th scope="col">{ot('awardGroup')}</th>
          <th scope="col" class="num">
            {t('downloads')}
          </th>
          {props.hasComparison && (
            <th scope="col" class="num">
              {t('change')}
            </th>
          )}
          <th scope="col" class="num">
            {ot('fyToDate')}
          </th>
          <th scope="col" class="num">
            {ot('fyRank')}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.agencies.map((a) => {
          const change = changeText(a.downloads, a.previousDownloads, lang)
          return (
            <tr key={a.agencyId} data-agency-id={a.agencyId}>
              <th scope="row">
                <a href={agencyHref(a.agencyId)}>
                  <Words text={a.name[lang]} />
                </a>
                {a.awarded && <span class="chip good">{ot('inAwardPlace')}</span>}
                <div class="secondary" lang={other}>
                  <Words text={a.name[other]} />
                </div>
              </th>
              <td>{groupLabel(a.group, lang)}</td>
              <td class="num">{formatNumber(a.downloads, lang)}</td>
              {props.hasComparison && (
                <td class="num">
                  {change && (
                    <span class={`change ${change.direction}`}>
                      <span aria-hidden="true">{change.text}</span>
                      <span class="visually-hidden">{change.spoken}</span>
                    </span>
                  )}
                </td>
              )}
              <td class="num">{formatNumber(a.fyDownloads, lang)}</td>
              <td class="num">
                {a.fyRank === null ? (
                  '–'
                ) : (
                  <a href={routeHash({ page: 'rankings' })}>{formatNumber(a.fyRank, lang)}</a>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
