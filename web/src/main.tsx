import { render } from 'preact'
import { App } from './app.js'
import { keepScrollingTablesFocusable } from './components/keyboardScroll.js'
// Sarabun, the Thai government's standard typeface, served with the dashboard (no font CDN).
import '@fontsource/sarabun/thai-400.css'
import '@fontsource/sarabun/thai-700.css'
import '@fontsource/sarabun/latin-400.css'
import '@fontsource/sarabun/latin-700.css'
import { loadAuth } from './state/auth.js'
import { now } from './state/clock.js'
import { prefetchFirstPage } from './state/first-page.js'
import { api, session } from './state/session.js'
import { createStore } from './state/store.js'
import './styles.css'

// The dashboard's code is evaluated: a mark the time-to-usable benchmark reads (bench/dashboard.ts).
performance.mark('index.js evaluated')
document.documentElement.lang = localStorage.getItem('locale') ?? 'th'
// The first page's data is asked for now, beside the sign-in configuration, not after it and the first render.
prefetchFirstPage(api, session.value, location.hash, now())
const root = document.getElementById('app') as HTMLElement
keepScrollingTablesFocusable(root)
// The store's current fiscal year is the server's: it is built once the API has said how to sign in and what
// time it is (one small request; it never fails, see loadAuth).
void loadAuth().then(() => {
  render(<App store={createStore(api, session)} />, root)
  performance.mark('first render')
})
