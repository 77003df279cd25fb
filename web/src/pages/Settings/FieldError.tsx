import { locale, t } from '../../i18n/dga-pages.js'
import { formatNumber } from '../../i18n/format.js'
import type { InputProblem } from './numberInput.js'

/** A problem as the reader reads it: "Must be at most 1,000". */
export function problemText(problem: InputProblem): string {
  const message = t(problem.key)
  return problem.detail === undefined ? message : `${message} ${formatNumber(problem.detail, locale.value)}`
}

/** What is wrong with one field, beside it (the field names it with `aria-describedby={id}`). */
export function FieldError({ id, problems }: { id: string; problems: readonly InputProblem[] }) {
  if (problems.length === 0) return null
  return (
    <span class="field-error" id={id} role="alert">
      {problems.map(problemText).join(' · ')}
    </span>
  )
}

/** The API's refusal of a change, in its own words, beside the form that sent it. */
export function Refusal({ error, testId }: { error: Error | undefined; testId: string }) {
  if (!error) return null
  return (
    <div class="error" role="alert" data-testid={testId}>
      <strong>{t('serverRefused')}</strong>
      <div>{error.message}</div>
    </div>
  )
}

/** A saved change, confirmed until the next edit. */
export function Saved({ message, testId }: { message: string | undefined; testId: string }) {
  if (!message) return null
  return (
    <p class="saved" role="status" data-testid={testId}>
      ✓ {message}
    </p>
  )
}
