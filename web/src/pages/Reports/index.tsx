import { useEffect, useState } from 'preact/hooks'
import type { ReportEntry } from '../../../../shared/api.js'
import { addMonths, bangkokMonth, monthLabel } from '../../../../shared/time.js'
import { useApi } from '../../api/use-api.js'
import { LoadState } from '../../components/LoadState.js'
import { MonthPicker } from '../../components/MonthPicker.js'
import { formatBangkokTime } from '../../i18n/format.js'
import { locale, t } from '../../i18n/index.js'
import { now } from '../../state/clock.js'
import { useStore } from '../../state/store.js'
import './reports.css'
import { agencyVariants, fileLabel, generatedMessage, groupByMonth, orderFiles } from './reportList.js'

/**
 * Monthly reports as a table: each month (Buddhist Era in Thai) with its versions, newest first, and the files of
 * each (downloads through the API); DGA's generation of a month.
 */
export function ReportsPage() {
  const { api, session, route, navigate } = useStore()
  const lang = locale.value
  const isDga = session.value?.role === 'dga_admin'
  const [reload, setReload] = useState(0)
  const state = useApi(async () => {
    const [reports, agencies] = await Promise.all([
      api.reports(),
      api.agencyRanking({ month: bangkokMonth(now()) }),
    ])
    const names = new Map(agencies.items.map((a) => [a.agencyId, a.name]))
    return { months: groupByMonth(reports.items), names }
  }, [reload])
  const data = state.data

  const download = async (entry: Pick<ReportEntry, 'month' | 'version'>, file: string) => {
    const { url } = await api.reportUrl(entry.month, file, entry.version)
    // The presigned URL answers with Content-Disposition: attachment, so the page stays where it is.
    window.location.assign(url)
  }

  // An email's link to a file (`#/reports/<month>/<version>/<file>`): opened once, now that the reader is in.
  const open = route.value.page === 'reports' ? route.value.open : undefined
  const [openError, setOpenError] = useState<Error | undefined>()
  useEffect(() => {
    if (!open) return
    navigate({ page: 'reports' })
    download(open, open.file).catch((err: Error) => setOpenError(err))
  }, [open?.month, open?.version, open?.file])

  return (
    <section>
      <div class="toolbar">
        <h2>{t('reports')}</h2>
      </div>
      {isDga && <GenerateForm onDone={() => setReload((n) => n + 1)} />}
      <LoadState loading={state.loading} error={state.error} retry={state.retry} />
      {openError && (
        <p class="error" role="alert" data-testid="report-link-error">
          {t('reportLinkFailed')}: {openError.message}
        </p>
      )}
      {data && data.months.length === 0 && <p class="secondary">{t('reportNone')}</p>}
      {data && data.months.length > 0 && (
        <table class="ranking reports-table" data-testid="reports-table">
          <caption>{t('reportsTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reportMonthColumn')}</th>
              <th scope="col">{t('reportVersionColumn')}</th>
              <th scope="col">{t('reportFilesColumn')}</th>
            </tr>
          </thead>
          {data.months.map(({ month, versions }) => (
            <tbody key={month} class="report-month" data-testid="report-month" data-month={month}>
              {versions.map((entry, i) => (
                <tr key={entry.version} class="report-version" data-version={entry.version}>
                  {i === 0 && (
                    <th scope="rowgroup" rowSpan={versions.length} class="report-month-name">
                      {monthLabel(month, lang)}
                    </th>
                  )}
                  <td>
                    <strong>
                      {t('reportVersion')} {entry.version}
                    </strong>
                    {i === 0 && versions.length > 1 && <span class="chip good">{t('reportLatest')}</span>}
                    <div class="secondary">
                      {t('reportGeneratedAt')} {formatBangkokTime(entry.generatedAt, lang)}
                      {entry.supersedes !== null && ` · ${t('reportSupersedes')} ${entry.supersedes}`}
                    </div>
                    {!entry.complete && <span class="chip warn">{t('reportIncompleteMonth')}</span>}
                  </td>
                  <td>
                    <ul class="report-files">
                      {orderFiles(entry.files)
                        .filter((f) => f.name !== 'manifest.json' || isDga)
                        .slice(0, isDga ? 6 : undefined)
                        .map((f) => (
                          <li key={f.name}>
                            <button
                              type="button"
                              class="link"
                              data-file={f.name}
                              onClick={() => void download(entry, f.name)}
                            >
                              {fileLabel(f.name, lang, (id) => data.names.get(id)?.[lang])}
                            </button>{' '}
                            <span class="secondary">{Math.max(1, Math.round(f.size / 1024))} KB</span>
                          </li>
                        ))}
                    </ul>
                    {isDga && (
                      <AgencyFiles
                        entry={entry}
                        agencyName={(id) => data.names.get(id)?.[lang]}
                        onDownload={(file) => void download(entry, file)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  )
}

/** DGA: any agency's own files of a version (executives see their own in the list above). */
function AgencyFiles(props: {
  entry: ReportEntry
  agencyName: (id: string) => string | undefined
  onDownload: (file: string) => void
}) {
  const variants = agencyVariants(props.entry.files, locale.value, props.agencyName)
  const [agencyId, setAgencyId] = useState(variants[0]?.agencyId)
  if (!agencyId) return null
  return (
    <p class="toolbar report-agency-files">
      <label>
        {t('reportAgencyFiles')}{' '}
        <select name="report-agency" value={agencyId} onChange={(e) => setAgencyId(e.currentTarget.value)}>
          {variants.map((v) => (
            <option key={v.agencyId} value={v.agencyId}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      {(['pdf', 'csv'] as const).map((format) => (
        <button
          key={format}
          type="button"
          class="link"
          data-variant={format}
          onClick={() => props.onDownload(`agencies/${agencyId}.${format}`)}
        >
          {format.toUpperCase()}
        </button>
      ))}
    </p>
  )
}

/** A month to generate (the month just ended by default) and the button; says what happened. */
function GenerateForm({ onDone }: { onDone: () => void }) {
  const { api } = useStore()
  const [month, setMonth] = useState(addMonths(bangkokMonth(now()), -1))
  const [status, setStatus] = useState<{ busy: boolean; message?: string }>({ busy: false })
  const generate = async (e: Event) => {
    e.preventDefault()
    setStatus({ busy: true, message: t('reportGenerating') })
    try {
      const before = (await api.reports()).items.find((i) => i.month === month)?.version
      const result = await api.generateReport(month)
      setStatus({ busy: false, message: generatedMessage(result, before) })
      onDone()
    } catch (err) {
      setStatus({ busy: false, message: (err as Error).message })
    }
  }
  return (
    <form class="toolbar" onSubmit={(e) => void generate(e)}>
      <MonthPicker
        name="generate-month"
        value={month}
        onChange={setMonth}
        label={t('reportMonthToGenerate')}
      />
      <button type="submit" disabled={status.busy}>
        {t('reportGenerate')}
      </button>
      {status.message && (
        <span class="secondary" role="status">
          {status.message}
        </span>
      )}
    </form>
  )
}
