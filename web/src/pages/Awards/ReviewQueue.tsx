import { useState } from 'preact/hooks'
import type { LocalizedText } from '../../../../shared/catalog.js'
import type { IntegritySignal } from '../../../../shared/integrity.js'
import type { ReviewDecision, ReviewQueueItem } from '../../../../shared/reviews.js'
import { monthLabel } from '../../../../shared/time.js'
import { useApi } from '../../api/use-api.js'
import { LoadState } from '../../components/LoadState.js'
import { locale, type MessageKey, t } from '../../i18n/dga-pages.js'
import { formatNumber, formatPercent } from '../../i18n/format.js'
import { useStore } from '../../state/store.js'
import { reviewBadge } from './awardRows.js'
import { initialForm, type ReviewForm, reviewBody, toggleDay } from './reviewForm.js'

const DECISIONS: [ReviewDecision, MessageKey][] = [
  ['cleared', 'reviewOptCleared'],
  ['discount', 'reviewOptDiscount'],
  ['disqualified', 'reviewOptDisqualified'],
]

/**
 * DGA's review queue on the Awards page: each entry in or near an award place with a warning sign, its
 * evidence, and a form to record (or undo) a decision; `onDecided` reads the standings again.
 */
export function ReviewQueue(props: {
  fy: number
  names: ReadonlyMap<string, LocalizedText>
  revision: number
  onDecided: () => void
}) {
  const { api } = useStore()
  const state = useApi(() => api.reviews(props.fy), [props.fy, props.revision])
  return (
    <section class="card review-queue" data-testid="review-queue">
      <h3>{t('reviewQueue')}</h3>
      <p class="secondary">{t('reviewQueueIntro')}</p>
      <LoadState loading={state.loading} error={state.error} retry={state.retry} />
      {state.data && state.data.items.length === 0 && <p>{t('reviewQueueEmpty')}</p>}
      {state.data?.items.map((item) => (
        <ReviewEntry
          key={`${item.categoryId}-${item.subjectId}-${item.decision?.setAt ?? ''}`}
          fy={props.fy}
          item={item}
          names={props.names}
          onDecided={props.onDecided}
        />
      ))}
    </section>
  )
}

function ReviewEntry(props: {
  fy: number
  item: ReviewQueueItem
  names: ReadonlyMap<string, LocalizedText>
  onDecided: () => void
}) {
  const { api } = useStore()
  const { item } = props
  const lang = locale.value
  const n = (v: number) => formatNumber(v, lang)
  const [form, setForm] = useState<ReviewForm>(() => initialForm(item))
  const [error, setError] = useState<Error>()
  const [busy, setBusy] = useState(false)
  const name = props.names.get(item.subjectId)?.[lang] ?? item.subjectId
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true)
    setError(undefined)
    try {
      await action()
      props.onDecided()
    } catch (err) {
      setError(err as Error)
    } finally {
      setBusy(false)
    }
  }
  const submit = (e: Event) => {
    e.preventDefault()
    void run(() => api.setReview(props.fy, item.subjectId, reviewBody(form)))
  }
  return (
    <article class="review-entry" data-testid="review-entry" data-subject={item.subjectId}>
      <h4>
        {n(item.rank)}. {name}{' '}
        {item.decision ? (
          <span class={`badge review ${item.decision.decision}`}>{t(reviewBadge(item.decision))}</span>
        ) : (
          <span class="badge alert">{t('reviewPending')}</span>
        )}
      </h4>
      <p>
        {n(item.downloads)} {t('downloads')}
        {item.awardCount !== item.downloads && (
          <span data-testid="review-award-count">
            {' '}
            · {t('awardCount')} {n(item.awardCount)} ({t('reviewLeftOut')}{' '}
            {n(item.downloads - item.awardCount)})
          </span>
        )}
      </p>
      <ul class="signals">
        {item.evidence.map((signal) => (
          <li class="warn" key={signal.kind}>
            {evidenceText(signal, lang, n)}
          </li>
        ))}
      </ul>
      {item.decision && (
        <p class="secondary">
          {t('reviewDecidedBy')} {item.decision.setBy} · {item.decision.reason}
        </p>
      )}
      <form onSubmit={submit}>
        <label>
          {t('reviewDecision')}{' '}
          <select
            name="decision"
            value={form.decision}
            onChange={(e) => setForm({ ...form, decision: e.currentTarget.value as ReviewDecision })}
          >
            {DECISIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        </label>
        {form.decision === 'discount' && item.days.length > 0 && (
          <fieldset>
            <legend>{t('reviewDays')}</legend>
            {item.days.map((d) => (
              <label key={d.day} class="review-day">
                <input
                  type="checkbox"
                  name="day"
                  value={d.day}
                  checked={form.days.includes(d.day)}
                  onChange={() => setForm(toggleDay(form, d.day))}
                />
                {d.day} · {n(d.downloads)}{' '}
                {d.suggested && <span class="badge tie">{t('reviewSuggested')}</span>}
              </label>
            ))}
          </fieldset>
        )}
        <label>
          {t('reviewReason')}{' '}
          <textarea
            name="reason"
            value={form.reason}
            onInput={(e) => setForm({ ...form, reason: e.currentTarget.value })}
          />
        </label>
        {error && (
          <div class="error" role="alert" data-testid="review-error">
            {error.message}
          </div>
        )}
        <button type="submit" disabled={busy}>
          {t('reviewSave')}
        </button>{' '}
        {item.decision && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(() => api.removeReview(props.fy, item.subjectId))}
          >
            {t('reviewUndo')}
          </button>
        )}
      </form>
    </article>
  )
}

/** One warning sign in words, with its figures. */
function evidenceText(signal: IntegritySignal, lang: 'th' | 'en', n: (v: number) => string): string {
  if (signal.kind === 'concentration') {
    const e = signal.evidence
    return `${t('reviewEvidenceConcentration')}: ${formatPercent(e.share * 100, lang)} (${n(e.topClientDownloads)} / ${n(e.downloads)})`
  }
  const e = signal.evidence
  const base = e.baseline === null ? '' : ` · ${t('reviewEvidenceBaseline')} ${n(e.baseline)}`
  return `${t('reviewEvidenceSpike')} ${monthLabel(e.month, lang)}: ${n(e.downloads)} ${t('downloads')}${base}${e.factor === null ? '' : ` (×${e.factor})`}`
}
