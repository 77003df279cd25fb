import { useMemo, useState } from 'preact/hooks'
import type { DeliveryStatus } from '../../../../shared/api.js'
import type { LocalizedText } from '../../../../shared/catalog.js'
import { monthLabel } from '../../../../shared/time.js'
import { useApi } from '../../api/use-api.js'
import { LoadState } from '../../components/LoadState.js'
import { MonthPicker } from '../../components/MonthPicker.js'
import { locale, type MessageKey, t } from '../../i18n/dga-pages.js'
import { formatBangkokTime } from '../../i18n/format.js'
import { useStore } from '../../state/store.js'
import { lastReportMonth, scopeChoices, scopeLabel } from './subscriptions.js'

const STATUS_WORD: Record<DeliveryStatus, MessageKey> = {
  sent: 'deliverySent',
  failed: 'deliveryFailed',
  sending: 'deliverySending',
}

/** Who gets the monthly report emails: list, add, remove; for DGA, what became of a month's emails. */
export function SubscriptionsPage() {
  const { api, session, currentFy } = useStore()
  const lang = locale.value
  const [version, setVersion] = useState(0)
  const [error, setError] = useState<Error | undefined>()
  const list = useApi(() => api.subscriptions(), [version])
  const ranking = useApi(() => api.agencyRanking({ fy: currentFy }), [currentFy])
  const agencies = useMemo(
    () => new Map<string, LocalizedText>((ranking.data?.items ?? []).map((a) => [a.agencyId, a.name])),
    [ranking.data],
  )
  const choices = scopeChoices(session.value, agencies)
  const national = t('national')

  const add = async (e: Event) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const data = new FormData(form)
    try {
      await api.subscribe({
        email: String(data.get('email') ?? ''),
        locale: data.get('locale') === 'en' ? 'en' : 'th',
        scope: String(data.get('scope') ?? ''),
        attachPdf: data.get('attachPdf') === 'on',
      })
      setError(undefined)
      form.reset()
      setVersion((v) => v + 1)
    } catch (err) {
      setError(err as Error)
    }
  }
  const remove = async (id: string) => {
    try {
      await api.unsubscribe(id)
      setError(undefined)
      setVersion((v) => v + 1)
    } catch (err) {
      setError(err as Error)
    }
  }

  return (
    <section>
      <h2>{t('subscriptions')}</h2>
      <p class="secondary">{t('subscriptionsIntro')}</p>
      <form class="toolbar" data-testid="subscribe-form" onSubmit={add}>
        <label>
          {t('email')} <input type="email" name="email" required maxLength={254} />
        </label>
        <label>
          {t('emailLanguage')}{' '}
          <select name="locale">
            <option value="th">{t('thai')}</option>
            <option value="en">{t('english')}</option>
          </select>
        </label>
        <label>
          {t('scope')}{' '}
          <select name="scope">
            {choices.map((c) => (
              <option key={c.scope} value={c.scope}>
                {c.scope === 'national' ? national : (c.name?.[lang] ?? c.scope)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" name="attachPdf" /> {t('attachPdf')}
        </label>
        <button type="submit">{t('addSubscription')}</button>
      </form>
      <LoadState loading={list.loading} error={error ?? list.error} retry={list.retry} />
      {list.data && list.data.items.length === 0 && <p class="note">{t('noSubscriptions')}</p>}
      {list.data && list.data.items.length > 0 && (
        <table class="ranking" data-testid="subscriptions">
          {/* Named for screen readers; the heading above says the same on screen. */}
          <caption class="visually-hidden">{t('subscriptions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('email')}</th>
              <th scope="col">{t('emailLanguage')}</th>
              <th scope="col">{t('scope')}</th>
              <th scope="col">{t('attachPdf')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('rowActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((s) => (
              <tr key={s.id} data-subscription-id={s.id}>
                <td>{s.email}</td>
                <td>{s.locale === 'th' ? t('thai') : t('english')}</td>
                <td>{scopeLabel(s.scope, agencies, lang, national)}</td>
                <td>{s.attachPdf ? t('yes') : t('no')}</td>
                <td>
                  <button type="button" onClick={() => void remove(s.id)}>
                    {t('removeSubscription')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {session.value?.role === 'dga_admin' && <Deliveries />}
    </section>
  )
}

/** The delivery log of a month (DGA): each email, its status, attempts and error. */
function Deliveries() {
  const { api } = useStore()
  const lang = locale.value
  const [month, setMonth] = useState(lastReportMonth())
  const state = useApi(() => api.deliveries(month), [month])
  const log = state.data
  return (
    <>
      <div class="toolbar">
        <h3>
          {t('deliveries')} · {monthLabel(month, lang)}
        </h3>
        <MonthPicker name="deliveries-month" value={month} onChange={setMonth} />
      </div>
      <LoadState loading={state.loading} error={state.error} retry={state.retry} />
      {log && log.items.length === 0 && <p class="note">{t('noDeliveries')}</p>}
      {log && log.items.length > 0 && (
        <table class="ranking" data-testid="deliveries">
          {/* Named for screen readers; the heading above says the same on screen. */}
          <caption class="visually-hidden">
            {t('deliveries')} · {monthLabel(month, lang)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('email')}</th>
              <th scope="col">{t('version')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col" class="num">
                {t('attempts')}
              </th>
              <th scope="col">{t('updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {log.items.map((d) => (
              <tr key={`${d.version}-${d.subscriptionId}`} data-status={d.status}>
                <td>{d.email}</td>
                <td>{d.version}</td>
                <td>
                  {t(STATUS_WORD[d.status])}
                  {d.error && <div class="secondary">{d.error}</div>}
                </td>
                <td class="num">{d.attempts}</td>
                <td>{formatBangkokTime(d.updatedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
