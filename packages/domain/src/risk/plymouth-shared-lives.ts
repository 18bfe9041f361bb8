import type { RiskEntry } from './risk.ts';

/**
 * Plymouth's Shared Lives risk register (seed 000, section 6.3), all five risks as written, scores included:
 * 3×5=15 → 2×3=6; 2×5=10 → 1×3=3; 3×4=12 → 2×3=6; 2×3=6 → 3×4=12 (mitigation RAISES it: kept); 3×3=9 → 2×2=4.
 */
export const PLYMOUTH_SHARED_LIVES_RISKS = [
  {
    id: 'demand-over-budget',
    description:
      'The levels of demand coming into Shared Lives SW is greater than the budget allocated, meaning that PCC overspends',
    before: { likelihood: 3, impact: 5 },
    mitigation:
      'As part of the new contractual arrangements, contract monitoring against KPIs will take place and agree any new users coming into the service. In addition the Shared Lives budget will be reviewed regularly with finance colleagues as part of monthly monitoring arrangements.',
    after: { likelihood: 2, impact: 3 },
  },
  {
    id: 'quality-falls',
    description: 'The quality of the service reduces from the current good standard.',
    before: { likelihood: 2, impact: 5 },
    mitigation:
      'As part of contract monitoring we will review the quality and financial stability of the service, drawing on feedback, outcomes for services users and CQC outcomes and inspections. Quality Reviews can be instigated to share best practise and maintain quality standards if required.',
    after: { likelihood: 1, impact: 3 },
  },
  {
    id: 'demand-and-resources',
    description: 'Developing the service demand and resources at a manageable level and the service is used appropriately to meet need.',
    before: { likelihood: 3, impact: 4 },
    mitigation:
      'Project plan to be created to maximise and grow the service. This will include linking Shared Lives South West and ASC LIVEWELL to ensure referrals are appropriate. We will promote and develop recruitment of host families and clients via networking and referral pathways Networking with LIVEWELL to review individuals who might benefit from Shared Lives. Creating awareness sessions facilitated by Shared Lives South West to increase knowledge of the service offer. Ensuring that Shared Lives option is considered at the appropriate stage of referral.',
    after: { likelihood: 2, impact: 3 },
  },
  {
    id: 'isolation-from-best-practice',
    description: 'Developing the service in isolation and not drawing on best practice',
    before: { likelihood: 2, impact: 3 },
    mitigation:
      'Commissioner will attend regular (Approx. quarterly) network meetings with other commissioners across the peninsula, covering recruitment of host families, referral pathways, lessons learnt, best practice, opportunities for partnership working.',
    after: { likelihood: 3, impact: 4 },
  },
  {
    id: 'carers-leave',
    description:
      'Carers leaving the service due to affordability, leading to a reduction in the number of placements and people being placed in supported living and residential care which is not required to meet their needs',
    before: { likelihood: 3, impact: 3 },
    mitigation:
      'Additional investment into the contract will enable an increased fee to be paid to carers and also secure an additional paid week as a break from their role. This will bring us in line with Devon and Torbay. This will enable greater opportunity to increase recruitment of host families and maintain the host families that are already established.',
    after: { likelihood: 2, impact: 2 },
  },
] as const satisfies readonly RiskEntry[];
