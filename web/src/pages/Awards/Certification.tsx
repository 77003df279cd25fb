import { useState } from 'preact/hooks'
import { ApiError, type PublicCertification } from '../../api/client.js'
import { useApi } from '../../api/use-api.js'
import { LoadState } from '../../components/LoadState.js'
import { locale, t } from '../../i18n/dga-pages.js'
import { formatBangkokTime, formatNumber } from '../../i18n/format.js'
import { useStore } from '../../state/store.js'
import { packLabels } from './certificationPack.js'

/**
 * DGA's certification of a fiscal year: certify it once it has ended (again after figures changed: a restated
 * version), its version and hash, and the ceremony pack's files to download.
 */
export function CertificationPanel(props: { fy: number; ended: boolean; onCertified: () => void }) {
  const { api } = useStore()
  const lang = locale.value
  const [revision, setRevision] = useState(0)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ error: boolean; text: string }>()
  const state = useApi(
    () =>
      api.certification(props.fy).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null
        throw err
      }),
    [props.fy, revision],
  )
  const current = state.data

  const certify = async () => {
    setBusy(true)
    setMessage(undefined)
    try {
      const made = await api.certify(props.fy)
      if (current && made.version === current.version)
        setMessage({ error: false, text: t('certificationUnchanged') })
      setRevision((r) => r + 1)
      props.onCertified()
    } catch (err) {
      const finished =
        err instanceof ApiError && err.code === 'timeout' && (await laterVersion(current?.version ?? 0))
      if (finished) {
        setRevision((r) => r + 1)
        props.onCertified()
      } else setMessage({ error: true, text: (err as Error).message })
    } finally {
      setBusy(false)
    }
  }
  // A large pack can outlast the API's time limit: the server answers 503 but goes on certifying, so the
  // panel waits (up to two minutes) for the new version to be listed.
  const laterVersion = async (than: number) => {
    for (let i = 0; i < 60; i++) {
      await new Promise((resolve) => setTimeout(resolve, 2000))
      const listed = await api.certification(props.fy).catch(() => null)
      if (listed && listed.version > than) return true
    }
    return false
  }
  const download = async (certification: PublicCertification, name: string) => {
    const { url } = await api.certificateUrl(props.fy, name, certification.version)
    // The presigned URL answers with Content-Disposition: attachment, so the page stays where it is.
    window.location.assign(url)
  }

  return (
    <section class="card certification" data-testid="certification">
      <h3>{t('certification')}</h3>
      <p class="secondary">{t('certifyIntro')}</p>
      {props.ended ? (
        <button type="button" data-testid="certify" disabled={busy} onClick={certify}>
          {busy ? t('certifying') : t('certifyYear')}
        </button>
      ) : (
        <p class="secondary">{t('certifyAfterYearEnd')}</p>
      )}
      {message && (
        <p class={message.error ? 'error' : 'note'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <LoadState loading={state.loading} error={state.error} retry={state.retry} />
      {current === null && <p class="secondary">{t('certificationNone')}</p>}
      {current && (
        <>
          <dl class="facts" data-testid="certification-state" data-version={current.version}>
            <div>
              <dt>{t('certifiedOn')}</dt>
              <dd>
                {formatBangkokTime(current.certifiedAt, lang)} ({t('certificationVersion')} {current.version}
                {current.restates && `, ${t('certificationRestates')} ${current.restates.version}`})
              </dd>
            </div>
            <div>
              <dt>{t('certificationHash')}</dt>
              <dd>
                <code data-testid="certification-hash">{current.contentSha256}</code>
              </dd>
            </div>
          </dl>
          <h4>{t('ceremonyPack')}</h4>
          <ul class="pack-files" data-testid="pack-files">
            {packLabels(current, lang).map((file) => (
              <li key={file.name}>
                <button
                  type="button"
                  class="link"
                  data-file={file.name}
                  onClick={() => download(current, file.name)}
                >
                  {file.kind === 'results' ? t('resultsDocument') : `${t('certificateOf')}: ${file.label}`}
                </button>{' '}
                <span class="secondary">{formatNumber(Math.ceil(file.size / 1024), lang)} KB</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
