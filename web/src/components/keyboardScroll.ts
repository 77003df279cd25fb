/**
 * Tables that scroll sideways inside their own box (the layout does this on narrow screens) take a Tab stop,
 * so a keyboard can reach them and scroll them with the arrow keys (WCAG 2.1.1; axe's
 * scrollable-region-focusable). Decided by the table's style, not by its content's width at one moment, so a
 * late web font or a resize cannot leave one unreachable; a table that stops scrolling gives its stop back.
 */
export function keepScrollingTablesFocusable(root: HTMLElement): () => void {
  // A table's style changes with the screen's width (the listener below), not as the page renders: as the page
  // changes, only tables not seen yet are looked at. Reading every table's style on every change made the
  // browser style the page again and again while a phone's first page rendered (issue #18).
  const seen = new WeakSet<HTMLTableElement>()
  const update = (all: boolean) => {
    for (const table of root.querySelectorAll<HTMLTableElement>('table')) {
      if (!all && seen.has(table)) continue
      seen.add(table)
      const scrolls = ['auto', 'scroll'].includes(getComputedStyle(table).overflowX)
      const given = table.dataset.scrollStop === 'true'
      if (scrolls && !given && !table.hasAttribute('tabindex')) {
        table.tabIndex = 0
        table.dataset.scrollStop = 'true'
      } else if (!scrolls && given) {
        table.removeAttribute('tabindex')
        delete table.dataset.scrollStop
      }
    }
  }
  const observer = new MutationObserver(() => update(false))
  observer.observe(root, { childList: true, subtree: true })
  const narrow = globalThis.matchMedia?.('(max-width: 63.99rem)')
  const onWidth = () => update(true)
  narrow?.addEventListener('change', onWidth)
  update(true)
  return () => {
    observer.disconnect()
    narrow?.removeEventListener('change', onWidth)
  }
}
