/**
 * The built-in segment schemes, as data. All are written for 5 bins (see compile.ts for other bin counts).
 *
 * - `rf10` (default): the classic R x F map of ten segments; exclusive (every R, F cell in exactly one segment),
 *   M plays no part. Labels are snake_case ids; `name` is the display name.
 * - `tiers4`: four ordered tiers, first match wins, everyone else is "Other". "At-Risk Customers" is
 *   R<=2 and (F>=3 or M>=3): an OR is not one box of ranges, so it is two rules with the same label.
 * - `r-rfm`: the ten-segment table from the R package rfm's documentation (`rfm_segment` example), in its order,
 *   labels exactly as R writes them, unmatched customers "Others". R evaluates it first match wins.
 *
 * The objects are frozen: callers that want a variant copy them.
 */
import type { Scheme, SegmentRule } from "../types";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const rf10Rules: SegmentRule[] = [
  {
    label: "hibernating",
    name: "Hibernating",
    r: [1, 2],
    f: [1, 2],
    description: "Last bought long ago and bought rarely.",
    action: "Win back with a relevant offer or a reminder of popular products; do not spend much on them.",
  },
  {
    label: "at_risk",
    name: "At Risk",
    r: [1, 2],
    f: [3, 4],
    description: "Used to buy fairly often, but not for a long time.",
    action: "Send personalised reactivation offers and reminders before they are lost.",
  },
  {
    label: "cant_lose",
    name: "Can't Lose Them",
    r: [1, 2],
    f: [5, 5],
    description: "Were among the most frequent buyers, but have not come back for a long time.",
    action: "Win them back personally: ask what changed, offer renewals or new products, keep them from competitors.",
  },
  {
    label: "about_to_sleep",
    name: "About to Sleep",
    r: [3, 3],
    f: [1, 2],
    description: "Middling recency and few purchases; drifting away.",
    action: "Reconnect with popular products and a limited-time discount.",
  },
  {
    label: "need_attention",
    name: "Need Attention",
    r: [3, 3],
    f: [3, 3],
    description: "Average recency and frequency; could go either way.",
    action: "Make a limited-time offer and recommend products based on past purchases.",
  },
  {
    label: "loyal_customers",
    name: "Loyal Customers",
    r: [3, 4],
    f: [4, 5],
    description: "Buy often and fairly recently; responsive to promotions.",
    action: "Upsell higher-value products, ask for reviews, invite them to a loyalty programme.",
  },
  {
    label: "promising",
    name: "Promising",
    r: [4, 4],
    f: [1, 1],
    description: "Bought recently, but only once so far.",
    action: "Build the relationship: welcome content, a second-purchase incentive.",
  },
  {
    label: "new_customers",
    name: "New Customers",
    r: [5, 5],
    f: [1, 1],
    description: "Bought very recently for the first time.",
    action: "Onboard them well: a thank-you, help getting started, an easy next step.",
  },
  {
    label: "potential_loyalists",
    name: "Potential Loyalists",
    r: [4, 5],
    f: [2, 3],
    description: "Recent customers with a few purchases.",
    action: "Offer membership or loyalty rewards and recommend related products.",
  },
  {
    label: "champions",
    name: "Champions",
    r: [5, 5],
    f: [4, 5],
    description: "Bought very recently and buy most often.",
    action: "Reward them, give early access to new products, ask them to promote the brand.",
  },
];

const atRiskText = {
  description: "Used to buy often or spend well, but not recently.",
  action: "Reactivate with a personal message and an offer before they are lost.",
};

const tiers4Rules: SegmentRule[] = [
  {
    label: "Top Customers",
    r: [4, 5],
    f: [4, 5],
    m: [4, 5],
    description: "Recent, frequent and high-spending: the best customers.",
    action: "Reward and retain: VIP treatment, early access, thank-you gestures.",
  },
  // R<=2 and (F>=3 or M>=3), written as two boxes with the same label; the second adds R1-2 F1-2 M3-5.
  { label: "At-Risk Customers", r: [1, 2], f: [3, 5], ...atRiskText },
  { label: "At-Risk Customers", r: [1, 2], m: [3, 5], ...atRiskText },
  {
    label: "Loyal Customers",
    f: [4, 5],
    description: "Buy often, whatever their recency or spend.",
    action: "Keep them engaged with loyalty rewards and cross-sell.",
  },
  {
    label: "Potential Customers",
    r: [3, 5],
    description: "Bought fairly recently but not (yet) often.",
    action: "Encourage a repeat purchase with recommendations and a time-limited incentive.",
  },
];

function rRule(
  label: string,
  r: [number, number],
  f: [number, number],
  m: [number, number],
  description: string,
  action: string,
): SegmentRule {
  return { label, r, f, m, description, action };
}

const rRfmRules: SegmentRule[] = [
  rRule(
    "Champions",
    [5, 5],
    [5, 5],
    [5, 5],
    "Bought recently, buy often and spend the most.",
    "Reward them; they can be early adopters and promoters of new products.",
  ),
  rRule(
    "Potential Loyalist",
    [3, 5],
    [3, 5],
    [2, 5],
    "Recent customers who spent a good amount and bought more than once.",
    "Offer membership or a loyalty programme; recommend other products.",
  ),
  rRule(
    "Loyal Customers",
    [2, 4],
    [2, 4],
    [2, 4],
    "Spend good money and buy regularly; responsive to promotions.",
    "Upsell higher-value products and ask for reviews.",
  ),
  rRule(
    "Promising",
    [3, 4],
    [1, 3],
    [3, 5],
    "Fairly recent shoppers who spent well but have not bought often.",
    "Build brand awareness; offer a second-purchase incentive.",
  ),
  rRule(
    "New Customers",
    [4, 5],
    [1, 3],
    [1, 5],
    "Bought recently, but not often.",
    "Onboard them and start building the relationship.",
  ),
  rRule(
    "Can't Lose Them",
    [1, 2],
    [3, 4],
    [4, 5],
    "Made big and frequent purchases, but long ago.",
    "Win them back with renewals or new products; talk to them.",
  ),
  rRule(
    "At Risk",
    [1, 2],
    [2, 5],
    [4, 5],
    "Spent big money and bought often, but a long time ago.",
    "Send personalised emails to reconnect; offer renewals.",
  ),
  rRule(
    "Need Attention",
    [1, 3],
    [3, 5],
    [3, 5],
    "Above-average frequency and spend, but not bought lately.",
    "Make limited-time offers based on their purchase history.",
  ),
  rRule(
    "About To Sleep",
    [2, 3],
    [1, 3],
    [1, 4],
    "Below-average recency, frequency and spend.",
    "Share popular products and discounts to reconnect.",
  ),
  rRule(
    "Lost",
    [1, 1],
    [1, 5],
    [1, 5],
    "Lowest recency: have not bought for the longest time.",
    "Revive interest with an outreach campaign; otherwise let go.",
  ),
];

export const DEFAULT_SCHEME_ID = "rf10";

export const BUILTIN_SCHEMES: Record<string, Scheme> = deepFreeze({
  rf10: {
    id: "rf10",
    name: "Classic R x F map (10 segments)",
    rules: rf10Rules,
    exclusive: true,
    bins: 5,
  },
  tiers4: {
    id: "tiers4",
    name: "Four tiers (first match wins)",
    rules: tiers4Rules,
    fallback: "Other",
    fallbackDescription: "Neither recent nor frequent, and not high-value enough to be at risk.",
    fallbackAction: "Low-cost broad campaigns only.",
    exclusive: false,
    bins: 5,
  },
  "r-rfm": {
    id: "r-rfm",
    name: "R rfm package segments (first match wins)",
    rules: rRfmRules,
    fallback: "Others",
    fallbackDescription: "Scores that match none of the R package's ten segment rules.",
    fallbackAction: "Review the group; treat like the nearest segment or leave out of campaigns.",
    exclusive: false,
    bins: 5,
  },
});

/**
 * The built-in schemes in menu order.
 * @returns rf10 (the default), tiers4, r-rfm
 * @example listSchemes().map((s) => s.id) // → ["rf10", "tiers4", "r-rfm"]
 */
export function listSchemes(): Scheme[] {
  return [BUILTIN_SCHEMES.rf10, BUILTIN_SCHEMES.tiers4, BUILTIN_SCHEMES["r-rfm"]];
}
