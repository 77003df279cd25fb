import { FiscalYearSelect } from '../../components/FiscalYearSelect.js'
import { t } from '../../i18n/dga-pages.js'
import { useStore } from '../../state/store.js'
import { ProgrammeSection } from './ProgrammeSection.js'
import { TargetsSection } from './TargetsSection.js'

/** DGA's settings of a fiscal year: agencies' download targets and the award programme (audited by the API). */
export function SettingsPage() {
  const { session, fy } = useStore()
  if (session.value?.role !== 'dga_admin') {
    return (
      <section>
        <h2>{t('settings')}</h2>
        <p class="error" role="alert">
          {t('settingsDgaOnly')}
        </p>
      </section>
    )
  }
  const year = fy.value
  return (
    <section>
      <div class="toolbar">
        <h2>{t('settings')}</h2>
        <div class="controls">
          <FiscalYearSelect />
        </div>
      </div>
      <p class="secondary">{t('settingsIntro')}</p>
      {/* Keyed by year: a half-typed form of one year never carries over to another. */}
      <TargetsSection key={`targets-${year}`} fy={year} />
      <ProgrammeSection key={`programme-${year}`} fy={year} />
    </section>
  )
}
