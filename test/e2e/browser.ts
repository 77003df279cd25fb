import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
)

/** Debian's Chromium, headless, with nothing reaching outside the machine. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = CANDIDATES.find((p) => existsSync(p as string))
  if (!executablePath) {
    throw new Error('Chromium is not installed: run `apt-get install -y chromium` (or set CHROMIUM_PATH)')
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/**
 * A new page whose waits (locators, navigation) last as long as a loaded machine needs: they wait on a
 * condition, so a fast run is as fast as before and a slow one is slower, not red.
 */
export async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage()
  page.setDefaultTimeout(120_000)
  page.setDefaultNavigationTimeout(120_000)
  return page
}
