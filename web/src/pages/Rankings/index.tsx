import { useMemo, useState } from 'preact/hooks'
import { bangkokMonth, monthLabel } from '../../../../shared/time.js'
import { useApi } from '../../api/use-api.js'
import { Chart } from '../../components/Chart.js'
import { LoadState } from '../../components/LoadState.js'
import { MonthPicker } from '../../components/MonthPicker.js'
import { formatBangkokTime, formatNumber, formatRankChange } from '../../i18n/format.js'
import { locale, t } from '../../i18n/index.js'
import { now } from '../../state/clock.js'
import { routeHash } from '../../state/navigation.js'
import { useStore } from '../../state/store.js'

/** The national agency ranking for one month, with the top ten as a chart. */
export function RankingsPage() {
  const { api, session } = useStore()
  const [month, setMonth] = useState(bangkokMonth(now()))
  const state = useApi(() => api.agencyRanking({ month }), [month])
  const ranking = state.data

  const lang = locale.value
  const number = (n: number) => formatNumber(n, lang)
  // A DGA official may open any agency; an executive only their own (the API says 403 to the others).
  const canOpen = (agencyId: string) =>
    session.value?.role === 'dga_admin' || (session.value?.agencyIds ?? []).includes(agencyId)
  const chart = useMemo(() => {
    const top = ranking?.items.slice(0, 10) ?? []
    return {
      type: 'bar' as const,
      data: {
        labels: top.map((i) => i.name[lang]),
        datasets: [{ label: t('downloads'), data: top.map((i) => i.downloads), backgroundColor: '#1f5fa8' }],
      },
      options: {
        indexAxis: 'y' as const,
        responsive: true,
        maintainAspectRatio: false,
        animation: false as const,
      },
    }
  }, [ranking, lang])

  return (
    <section>
      <div class="toolbar">
        <h2>
          {t('agencyRanking')} · {monthLabel(month, lang)}
        </h2>
        <MonthPicker name="month" value={month} onChange={setMonth} />
      </div>
      <LoadState loading={state.loading} error={state.error} retry={state.retry} />
      {ranking && !ranking.period.complete && (
        <p class="note">
          {t('incomplete')} {formatBangkokTime(ranking.period.dataUpTo, lang)}
        </p>
      )}
      {ranking && (
        <>
          <Chart config={chart} label={t('top10')} />
          <table class="ranking" data-testid="agency-ranking">
            <thead>
              <tr>
                <th>{t('rank')}</th>
                <th>{t('agency')}</th>
                <th class="num">{t('downloads')}</th>
                <th class="num">{t('unique')}</th>
                <th class="num">{t('machine')}</th>
                <th class="num">{t('change')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.items.map((item) => (
                <tr key={item.agencyId} data-agency-id={item.agencyId}>
                  <td>{item.rank}</td>
                  <td>
                    {canOpen(item.agencyId) ? (
                      <a href={routeHash({ page: 'agency', agencyId: item.agencyId })}>{item.name[lang]}</a>
                    ) : (
                      item.name[lang]
                    )}
                    <div class="secondary">{item.name[lang === 'th' ? 'en' : 'th']}</div>
                  </td>
                  <td class="num">{number(item.downloads)}</td>
                  <td class="num">{number(item.uniqueDownloads)}</td>
                  <td class="num">{number(item.machineDownloads)}</td>
                  <td class="num">{formatRankChange(item.rankChange)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
