import { render } from 'preact'
import { App } from './app.js'
import { keepScrollingTablesFocusable } from './components/keyboardScroll.js'
// Sarabun, the Thai government's standard typeface, served with the dashboard (no font CDN).
import '@fontsource/sarabun/thai-400.css'
import '@fontsource/sarabun/thai-700.css'
import '@fontsource/sarabun/latin-400.css'
import '@fontsource/sarabun/latin-700.css'
import { loadAuth } from './state/auth.js'
import { clockKept, now } from './state/clock.js'
import {
  FIRST_PAGE_PATIENCE_MS,
  firstPage,
  prefetchFirstPage,
  rendersBeforeConfig,
} from './state/first-page.js'
import { api, session } from './state/session.js'
import { createStore } from './state/store.js'
import './styles.css'

// The dashboard's code is evaluated: a mark the time-to-usable benchmark reads (bench/dashboard.ts).
performance.mark('index.js evaluated')
document.documentElement.lang = localStorage.getItem('locale') ?? 'th'
// The first page's data is asked for now, beside the sign-in configuration, not after it and the first render.
// The reads that can wait go once that page's chart is drawn (Chart.tsx), at once when there is no such page
// (another page, a sign-in first), and in any case after a few seconds (a page whose chart is never drawn).
if (!prefetchFirstPage(api, session.value, location.hash, now())) firstPage.shown()
setTimeout(firstPage.shown, FIRST_PAGE_PATIENCE_MS)
const root = document.getElementById('app') as HTMLElement
keepScrollingTablesFocusable(root)
// How to sign in (and renew a token) and the server's time: one small request that never fails (see loadAuth).
const configured = loadAuth()
// A token the API refuses is judged once the configuration has said how to renew it.
api.judgeRefusalsAfter(configured)
const start = () => {
  render(<App store={createStore(api, session)} />, root)
  performance.mark('first render')
}
// A returning reader's page renders now, on the tab's session and kept server clock, while its data and the
// configuration are on their way; anyone else's waits for the configuration (the store's current fiscal year is
// the server's, and the sign-in page needs to know how to sign in).
if (rendersBeforeConfig(session.value !== undefined, clockKept, location.search)) start()
else void configured.then(start)
