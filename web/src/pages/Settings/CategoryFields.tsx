import { type MessageKey, t } from '../../i18n/dga-pages.js'
import { FieldError } from './FieldError.js'
import { type CategoryDraft, type FieldProblem, problemsOf } from './programmeForm.js'

/** One category's fields, each with its problems beside it. */
export function CategoryFields({
  index,
  category,
  problems,
  edit,
  remove,
}: {
  index: number
  category: CategoryDraft
  problems: readonly FieldProblem[]
  edit: (patch: Partial<CategoryDraft>) => void
  remove: () => void
}) {
  const at = `categories.${index}`
  const input = (field: keyof CategoryDraft & ('id' | 'places' | 'maxPerAgency'), label: MessageKey) => (
    <TextField
      name={`${at}.${field}`}
      label={t(label)}
      value={category[field]}
      problems={problemsOf(problems, `${at}.${field}`)}
      numeric={field !== 'id'}
      onInput={(value) => edit({ [field]: value })}
    />
  )
  return (
    <fieldset class="card category-form" data-index={index} data-category-id={category.id}>
      <legend>{category.id || '–'}</legend>
      {input('id', 'categoryId')}
      <label class="field">
        {t('subject')}{' '}
        <select
          name={`${at}.subject`}
          value={category.subject}
          onChange={(e) => edit({ subject: e.currentTarget.value === 'dataset' ? 'dataset' : 'agency' })}
        >
          <option value="agency">{t('subjectAgency')}</option>
          <option value="dataset">{t('subjectDataset')}</option>
        </select>
      </label>
      {input('places', 'places')}
      <label class="field">
        {t('metric')}{' '}
        <select
          name={`${at}.metric`}
          value={category.metric || 'downloads'}
          onChange={(e) =>
            edit({ metric: e.currentTarget.value === 'uniqueDownloads' ? 'uniqueDownloads' : 'downloads' })
          }
        >
          <option value="downloads">{t('metricDownloads')}</option>
          <option value="uniqueDownloads">{t('metricUnique')}</option>
        </select>
      </label>
      {category.subject === 'dataset' && input('maxPerAgency', 'maxPerAgency')}
      {category.subject === 'agency' && (
        <PerGroupFields at={at} category={category} problems={problems} edit={edit} />
      )}
      <button type="button" class="remove" onClick={remove}>
        {t('removeCategory')}
      </button>
    </fieldset>
  )
}

/** Places per agency group of an agency category: none for one pool of all agencies. */
function PerGroupFields({
  at,
  category,
  problems,
  edit,
}: {
  at: string
  category: CategoryDraft
  problems: readonly FieldProblem[]
  edit: (patch: Partial<CategoryDraft>) => void
}) {
  const rows = category.perGroup
  const editRow = (j: number, patch: Partial<CategoryDraft['perGroup'][number]>) =>
    edit({ perGroup: rows.map((r, k) => (k === j ? { ...r, ...patch } : r)) })
  return (
    <div class="per-group">
      <span>{t('perGroup')}</span>
      {rows.map((row, j) => (
        <div class="field-row" key={j}>
          <TextField
            name={`${at}.perGroup.${j}.group`}
            label={t('group')}
            value={row.group}
            problems={problemsOf(problems, `${at}.perGroup.${j}.group`)}
            onInput={(group) => editRow(j, { group })}
          />
          <TextField
            name={`${at}.perGroup.${j}.places`}
            label={t('places')}
            value={row.places}
            numeric
            problems={problemsOf(problems, `${at}.perGroup.${j}.places`)}
            onInput={(places) => editRow(j, { places })}
          />
          <button type="button" onClick={() => edit({ perGroup: rows.filter((_, k) => k !== j) })}>
            {t('removeGroup')}
          </button>
        </div>
      ))}
      <FieldError id={`${at}.perGroup-error`} problems={problemsOf(problems, `${at}.perGroup`)} />
      <button type="button" onClick={() => edit({ perGroup: [...rows, { group: '', places: '' }] })}>
        {t('addGroup')}
      </button>
    </div>
  )
}

/** A labelled text input with its problems beside it. */
function TextField(props: {
  name: string
  label: string
  value: string
  problems: readonly FieldProblem[]
  numeric?: boolean
  onInput: (value: string) => void
}) {
  const errorId = `${props.name}-error`
  const invalid = props.problems.length > 0
  return (
    <label class="field">
      {props.label}{' '}
      <input
        name={props.name}
        value={props.value}
        autoComplete="off"
        inputMode={props.numeric ? 'numeric' : undefined}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? errorId : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <FieldError id={errorId} problems={props.problems} />
    </label>
  )
}
