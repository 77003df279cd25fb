import { render } from 'preact'
import { App } from './app.js'
import { loadAuth } from './state/auth.js'
import './styles.css'

void loadAuth()
render(<App />, document.getElementById('app') as HTMLElement)
