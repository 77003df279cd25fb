import type { HeadlineCard } from '../pages/Agency/headlineCards.js'

/** One headline figure: what it is, the figure, and what it means. */
export function StatCard({ card }: { card: HeadlineCard }) {
  return (
    <div class={`stat ${card.tone}`} data-card={card.id}>
      <div class="stat-label">{card.label}</div>
      <div class="stat-value">{card.value}</div>
      <div class="stat-detail">{card.detail}</div>
    </div>
  )
}
