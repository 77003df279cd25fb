import { render } from 'preact'
import { App } from './app.js'
import { keepScrollingTablesFocusable } from './components/keyboardScroll.js'
// Sarabun, the Thai government's standard typeface, served with the dashboard (no font CDN).
import '@fontsource/sarabun/thai-400.css'
import '@fontsource/sarabun/thai-700.css'
import '@fontsource/sarabun/latin-400.css'
import '@fontsource/sarabun/latin-700.css'
import { loadAuth } from './state/auth.js'
import { api, session } from './state/session.js'
import { createStore } from './state/store.js'
import './styles.css'

document.documentElement.lang = localStorage.getItem('locale') ?? 'th'
// The store's current fiscal year is the server's: it is built once the API has said how to sign in and what
// time it is (one small request; it never fails, see loadAuth).
const root = document.getElementById('app') as HTMLElement
keepScrollingTablesFocusable(root)
void loadAuth().then(() => render(<App store={createStore(api, session)} />, root))
