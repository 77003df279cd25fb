import { useEffect, useState } from 'preact/hooks'
import { fiscalYearLabel } from '../../../../shared/time.js'
import { useApi } from '../../api/use-api.js'
import { LoadState } from '../../components/LoadState.js'
import { locale, type MessageKey, t } from '../../i18n/dga-pages.js'
import { formatBangkokTime } from '../../i18n/format.js'
import { useStore } from '../../state/store.js'
import { CategoryFields } from './CategoryFields.js'
import { FieldError, Refusal, Saved } from './FieldError.js'
import {
  type CategoryDraft,
  type FieldProblem,
  newCategory,
  type ProgrammeDraft,
  problemsOf,
  programmeDraft,
  readProgrammeForm,
} from './programmeForm.js'

/** The award programme of a fiscal year as a form: each category's subject, places, metric and limits. */
export function ProgrammeSection({ fy }: { fy: number }) {
  const { api } = useStore()
  const lang = locale.value
  const [version, setVersion] = useState(0)
  const state = useApi(() => api.programme(fy), [fy, version])
  const [draft, setDraft] = useState<ProgrammeDraft | undefined>()
  const [problems, setProblems] = useState<FieldProblem[]>([])
  const [refused, setRefused] = useState<Error | undefined>()
  const [saved, setSaved] = useState<MessageKey | undefined>()
  const [busy, setBusy] = useState(false)
  // The form starts from the programme in force, and again after each save (as the API stored it).
  useEffect(() => {
    if (state.data) setDraft(programmeDraft(state.data.programme))
  }, [state.data])

  const update = (next: (d: ProgrammeDraft) => ProgrammeDraft) => {
    setDraft((d) => (d ? next(d) : d))
    setSaved(undefined)
  }
  const edit = (i: number, patch: Partial<CategoryDraft>) =>
    update((d) => ({ categories: d.categories.map((c, j) => (j === i ? { ...c, ...patch } : c)) }))

  const submit = async (e: Event) => {
    e.preventDefault()
    if (!draft) return
    const input = readProgrammeForm(draft)
    setRefused(undefined)
    if ('problems' in input) {
      setProblems(input.problems)
      setSaved(undefined)
      return
    }
    setProblems([])
    setBusy(true)
    try {
      await api.setProgramme(fy, input.body)
      setSaved('programmeSaved')
      setVersion((v) => v + 1)
    } catch (err) {
      setRefused(err as Error)
      setSaved(undefined)
    } finally {
      setBusy(false)
    }
  }

  const data = state.data
  return (
    <>
      <h3>
        {t('programmeHeading')} · {fiscalYearLabel(fy, lang)}
      </h3>
      {data && (
        <p class="secondary" data-testid="programme-source">
          {data.source === 'set' && data.setBy && data.setAt
            ? `${t('programmeSet')} · ${data.setBy} · ${formatBangkokTime(data.setAt, lang)}`
            : t('programmeDefault')}
          {data.programme.countingRules && ` · ${data.programme.countingRules}: ${t('countingRulesKept')}`}
        </p>
      )}
      <LoadState loading={state.loading && !draft} error={state.error} retry={state.retry} />
      {draft && (
        <form class="settings-form programme" data-testid="programme-form" noValidate onSubmit={submit}>
          {draft.categories.map((category, i) => (
            <CategoryFields
              // The id is editable, so the position is the key: every field is controlled by the draft.
              key={i}
              index={i}
              category={category}
              problems={problems}
              edit={(patch) => edit(i, patch)}
              remove={() => update((d) => ({ categories: d.categories.filter((_, j) => j !== i) }))}
            />
          ))}
          <FieldError id="programme-categories-error" problems={problemsOf(problems, 'categories')} />
          <div class="actions">
            {(['agency', 'dataset'] as const).map((subject) => (
              <button
                key={subject}
                type="button"
                onClick={() =>
                  update((d) => ({ categories: [...d.categories, newCategory(subject, d.categories)] }))
                }
              >
                {t(subject === 'agency' ? 'addAgencyCategory' : 'addDatasetCategory')}
              </button>
            ))}
            <button type="submit" disabled={busy}>
              {t('saveProgramme')}
            </button>
          </div>
          {problems.length > 0 && (
            <p class="error" role="alert" data-testid="programme-problems">
              {t('fixErrors')}
            </p>
          )}
          <Refusal error={refused} testId="programme-error" />
          <Saved message={saved && t(saved)} testId="programme-saved" />
        </form>
      )}
    </>
  )
}
