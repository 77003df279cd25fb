import { useEffect, useMemo, useState } from 'preact/hooks'
import type { AgencyRankingItem, Ranking } from '../../../../shared/api.js'
import { bangkokMonth, monthLabel } from '../../../../shared/time.js'
import { Chart } from '../../components/Chart.js'
import { locale, t } from '../../i18n/index.js'
import { api } from '../../state/session.js'

const number = (n: number) => n.toLocaleString(locale.value === 'th' ? 'th-TH' : 'en-GB')

/** The national agency ranking for one month, with the top ten as a chart. */
export function RankingsPage() {
  const [month, setMonth] = useState(bangkokMonth(Date.now()))
  const [ranking, setRanking] = useState<Ranking<AgencyRankingItem>>()
  const [error, setError] = useState<string>()

  useEffect(() => {
    setError(undefined)
    api
      .agencyRanking(month)
      .then(setRanking)
      .catch((err: Error) => setError(err.message))
  }, [month])

  const lang = locale.value
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
        <label>
          {t('month')}{' '}
          <input
            type="month"
            name="month"
            value={month}
            max={bangkokMonth(Date.now())}
            onChange={(e) => setMonth(e.currentTarget.value || month)}
          />
        </label>
      </div>
      {error && <p class="error">{error}</p>}
      {!ranking && !error && <p>{t('loading')}</p>}
      {ranking && !ranking.period.complete && (
        <p class="note">
          {t('incomplete')}{' '}
          {new Date(ranking.period.dataUpTo).toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB', {
            timeZone: 'Asia/Bangkok',
          })}
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
                    {item.name[lang]}
                    <div class="secondary">{item.name[lang === 'th' ? 'en' : 'th']}</div>
                  </td>
                  <td class="num">{number(item.downloads)}</td>
                  <td class="num">{number(item.uniqueDownloads)}</td>
                  <td class="num">{number(item.machineDownloads)}</td>
                  <td class="num">
                    {item.rankChange === null
                      ? '–'
                      : item.rankChange > 0
                        ? `▲${item.rankChange}`
                        : item.rankChange < 0
                          ? `▼${-item.rankChange}`
                          : '='}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
