/** How each source kind looks: a short glyph and a hue, so lists scan at a glance. */
import type { SourceKind } from '../ipc/client';

export const KIND_STYLE: Record<SourceKind, { glyph: string; hue: number }> = {
  sla_conversation: { glyph: 'SLA', hue: 210 },
  user_survey: { glyph: 'SUR', hue: 265 },
  coffee_chat: { glyph: 'CC', hue: 28 },
  discussion_group: { glyph: 'DG', hue: 190 },
  customer_advisory_group: { glyph: 'CAG', hue: 160 },
  peer_company_chat: { glyph: 'PC', hue: 330 },
  academic_research: { glyph: 'AR', hue: 240 },
  industry_research: { glyph: 'IR', hue: 285 },
  open_source_scan: { glyph: 'OSS', hue: 130 },
  cloud_vendor_scan: { glyph: 'CV', hue: 200 },
  team_brainstorm: { glyph: 'TB', hue: 45 },
  stakeholder_feedback: { glyph: 'SF', hue: 5 },
  support_ticket_review: { glyph: 'ST', hue: 350 },
  metrics_review: { glyph: 'MR', hue: 95 },
};

/** CSS custom properties for a kind's chip. */
export function kindVars(kind: SourceKind): string {
  const { hue } = KIND_STYLE[kind];
  return `--kind-h: ${hue};`;
}

/**
 * A kind's label inside a sentence: lower case ("the coffee chat template"), but an
 * acronym keeps its capitals ("the SLA conversation template").
 */
export function inSentence(label: string): string {
  if (/^[A-Z]{2,}\b/.test(label)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}
