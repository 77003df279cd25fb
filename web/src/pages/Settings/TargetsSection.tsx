import { useMemo, useState } from 'preact/hooks'
import type { LocalizedText } from '../../../../shared/catalog.js'
import { fiscalYearLabel } from '../../../../shared/time.js'
import { useApi } from '../../api/use-api.js'
import { AgencyPicker } from '../../components/AgencyPicker.js'
import { LoadState } from '../../components/LoadState.js'
import { locale, type MessageKey, t } from '../../i18n/dga-pages.js'
import { formatBangkokTime, formatNumber } from '../../i18n/format.js'
import { useStore } from '../../state/store.js'
import { FieldError, Refusal, Saved } from './FieldError.js'
import {
  type DefaultTarget,
  defaultTarget,
  readTargetForm,
  type TargetInput,
  targetRows,
} from './targetForm.js'

type Problems = Extract<TargetInput, { problems: unknown }>['problems']

/** DGA's targets of a fiscal year: set one for an agency, see those set, remove one (back to the default). */
export function TargetsSection({ fy }: { fy: number }) {
  const { api } = useStore()
  const lang = locale.value
  const n = (value: number) => formatNumber(value, lang)
  const [version, setVersion] = useState(0)
  const list = useApi(() => api.targets(fy), [fy, version])
  const ranking = useApi(() => api.agencyRanking({ fy }), [fy])
  const awards = useApi(() => api.awards(fy), [fy])
  const names = useMemo(
    () => new Map<string, LocalizedText>((ranking.data?.items ?? []).map((a) => [a.agencyId, a.name])),
    [ranking.data],
  )
  const [agencyId, setAgencyId] = useState('')
  const [downloads, setDownloads] = useState('')
  const [problems, setProblems] = useState<Problems>({})
  const [refused, setRefused] = useState<Error | undefined>()
  const [saved, setSaved] = useState<MessageKey | undefined>()
  const [busy, setBusy] = useState(false)

  const fallback = defaultTarget(awards.data)
  const rows = targetRows(list.data?.items ?? [], (id) => names.get(id)?.[lang])
  const current = list.data?.items.find((item) => item.agencyId === agencyId)

  /** Sends a change; the API's refusal is shown as it says it, and nothing is taken as saved. */
  const change = async (send: () => Promise<unknown>, done: MessageKey): Promise<boolean> => {
    setBusy(true)
    try {
      await send()
      setRefused(undefined)
      setSaved(done)
      setVersion((v) => v + 1)
      return true
    } catch (err) {
      setRefused(err as Error)
      setSaved(undefined)
      return false
    } finally {
      setBusy(false)
    }
  }

  const submit = async (e: Event) => {
    e.preventDefault()
    const input = readTargetForm(agencyId, downloads)
    if ('problems' in input) {
      setProblems(input.problems)
      setSaved(undefined)
      setRefused(undefined)
      return
    }
    setProblems({})
    if (await change(() => api.setTarget(fy, input.agencyId, input.body), 'targetSaved')) setDownloads('')
  }

  return (
    <>
      <h3>
        {t('targetsHeading')} · {fiscalYearLabel(fy, lang)}
      </h3>
      <form class="settings-form" data-testid="target-form" noValidate onSubmit={submit}>
        <div class="field">
          <AgencyPicker
            agencyId={agencyId}
            onPick={(id) => {
              setAgencyId(id)
              setSaved(undefined)
            }}
          />
          <FieldError id="target-agency-error" problems={problems.agency ? [problems.agency] : []} />
        </div>
        <label class="field">
          {t('yearlyTarget')}{' '}
          <input
            name="downloads"
            inputMode="numeric"
            autoComplete="off"
            value={downloads}
            aria-invalid={problems.downloads ? 'true' : undefined}
            aria-describedby={problems.downloads ? 'target-downloads-error' : undefined}
            onInput={(e) => {
              setDownloads(e.currentTarget.value)
              setSaved(undefined)
            }}
          />
          <FieldError id="target-downloads-error" problems={problems.downloads ? [problems.downloads] : []} />
        </label>
        <button type="submit" disabled={busy}>
          {t('saveTarget')}
        </button>
      </form>
      {agencyId && list.data && (
        <p class="note" data-testid="picked-target">
          {current
            ? `${t('currentDgaTarget')} ${n(current.downloads)} · ${t('setBy')} ${current.setBy} ${t('setAt')} ${formatBangkokTime(current.setAt, lang)}`
            : defaultTargetText(fallback, n)}
        </p>
      )}
      <Refusal error={refused} testId="target-error" />
      <Saved message={saved && t(saved)} testId="target-saved" />
      <h4>{t('dgaTargets')}</h4>
      <p class="secondary" data-testid="default-target">
        {fallback.kind === 'final' ? t('defaultTargetFinalNote') : t('defaultTargetNote')}
        {defaultTargetFigure(fallback, n)}
      </p>
      <LoadState loading={list.loading} error={list.error} retry={list.retry} />
      {list.data && rows.length === 0 && <p class="note">{t('noDgaTargets')}</p>}
      {rows.length > 0 && (
        <table class="ranking" data-testid="dga-targets">
          {/* Named for screen readers; the heading above says the same on screen. */}
          <caption class="visually-hidden">{t('dgaTargets')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agency')}</th>
              <th scope="col" class="num">
                {t('target')}
              </th>
              <th scope="col">{t('setBy')}</th>
              <th scope="col">{t('updatedAt')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('rowActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.agencyId} data-agency-id={row.agencyId}>
                <td>{row.name}</td>
                <td class="num">{n(row.downloads)}</td>
                <td>{row.setBy}</td>
                <td>{formatBangkokTime(row.setAt, lang)}</td>
                <td>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void change(() => api.removeTarget(fy, row.agencyId), 'targetRemoved')}
                  >
                    {t('removeTarget')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

/** " ≈ 1,900 (range 1,700–2,100)" while the year runs, " 1,539" once it is over, nothing without data. */
function defaultTargetFigure(fallback: DefaultTarget, n: (value: number) => string): string {
  if (fallback.kind === 'projected')
    return ` ≈ ${n(fallback.mid)} (${t('projectedRange')} ${n(fallback.low)}–${n(fallback.high)})`
  if (fallback.kind === 'final') return ` ${n(fallback.cutoff)}`
  return ''
}

/** What the chosen agency aims at without a DGA target. */
function defaultTargetText(fallback: DefaultTarget, n: (value: number) => string): string {
  if (fallback.kind === 'none') return t('noDgaTargetNoData')
  return `${fallback.kind === 'final' ? t('noDgaTargetFinal') : t('noDgaTarget')}${defaultTargetFigure(fallback, n)}`
}
