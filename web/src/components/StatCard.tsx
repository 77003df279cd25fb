import type { Tone } from '../pages/Agency/headlineCards.js'

/** What a stat card shows: a headline figure, or a figure of what counting left out. */
export interface StatCardData {
  id: string
  label: string
  value: string
  detail: string
  tone: Tone
  /** The tone in words: a status chip, so the state is never told by the card's colour alone. */
  status?: string
}

/** One headline figure: what it is, the figure, and what it means. */
export function StatCard({ card }: { card: StatCardData }) {
  return (
    <div class={`stat ${card.tone}`} data-card={card.id}>
      <div class="stat-label">{card.label}</div>
      <div class="stat-value">{card.value}</div>
      <div class="stat-detail">{card.detail}</div>
      {card.status && card.tone !== 'neutral' && (
        <span class={`chip ${card.tone}`} data-testid="status-chip">
          {card.status}
        </span>
      )}
    </div>
  )
}
