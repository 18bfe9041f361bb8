import type { ColumnType, Generated } from 'kysely';
import type { ApiTokenDatabase } from './schema-api-token.ts';
import type { BusinessCaseDatabase } from './schema-business-case.ts';
import type { ContractsDatabase } from './schema-contracts.ts';
import type { CostModelDatabase } from './schema-cost-model.ts';
import type { KpiDatabase } from './schema-kpi.ts';
import type { ReturnReviewDatabase } from './schema-return-review.ts';
import type { PeopleDatabase } from './schema-people.ts';
import type { ProviderTenancyDatabase } from './schema-provider-tenancy.ts';
import type { ProviderPeopleDatabase } from './schema-provider-people.ts';
import type { OnlineApplicationDatabase } from './schema-online-application.ts';
import type { ProviderDocumentsDatabase } from './schema-provider-documents.ts';
import type { ProviderAuditDatabase } from './schema-provider-audit.ts';
import type { SealedResponsesDatabase } from './schema-sealed-responses.ts';
import type { MonitoringDatabase } from './schema-monitoring.ts';
import type { RemindersDatabase } from './schema-reminders.ts';
import type { NoticesDatabase } from './schema-notices.ts';
import type { PartnershipLifecycleDatabase } from './schema-partnership.ts';
import type { SetupDatabase } from './schema-setup.ts';
import type { TwoStepDatabase } from './schema-two-step.ts';
import type { IdempotencyDatabase, VersionedStamped } from './schema-versions.ts';

/** A timestamp the database fills; read back as a Date. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type AuthorityKind = 'county' | 'unitary' | 'metropolitan_district' | 'london_borough' | 'nhs_body';
export type AuthorityRole = 'commissioner' | 'contract_officer' | 'finance' | 'viewer' | 'authority_admin';
export type PartnershipRole = 'lead_commissioner' | 'network_member';
export type PartnershipKind = 'tripartite' | 'regional_network' | 'council_with_nhs' | 'framework_consortium';

/** The registry (migration 0018): a council by GSS code, an NHS body by ODS code; renamed or made inactive, never deleted. */
export interface AuthorityTable extends VersionedStamped {
  id: string; // GSS code, or an NHS body's ODS code
  name: string;
  kind: AuthorityKind;
  region: string;
  nhs_body_kind: ColumnType<'icb' | 'trust' | null, 'icb' | 'trust' | null | undefined, never>;
  active: Generated<boolean>;
  registration_key: ColumnType<string | null, string | null | undefined, never>;
  /** Its authority administrators require two-step verification of its people (migration 0022). */
  two_step_required: Generated<boolean>;
  created_at: CreatedAt;
}

export interface AuthorityPopulationTable {
  authority_id: string;
  year: number;
  age_band: string; // 'all', '18+', '65+', '75+' …
  population: number;
  source: string;
}

/** Versioned from migration 0047 (its KPI set is the partnership's to change). */
export interface PartnershipTable extends VersionedStamped {
  id: Generated<string>;
  name: string;
  kind: PartnershipKind;
  lead_authority_id: string;
  created_at: CreatedAt;
  purpose: ColumnType<string | null, string | null | undefined, string | null>;
  proposed_lead_authority_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PartnershipMemberTable {
  authority_id: string;
  partnership_id: string;
  joined_on: string | null;
  left_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string;
  is_platform_admin: Generated<boolean>;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
}

/**
 * The columns of app_user the application role may read. Migration 0058's authority_ids and provider_ids (who is
 * whose colleague, kept by triggers for the policies) are not granted to it, so SELECT * is refused: name these.
 */
export const APP_USER_COLUMNS = ['id', 'email', 'display_name', 'password_hash', 'is_platform_admin', 'disabled_at', 'created_at'] as const;
export { CALL_OFF_COLUMNS, CALL_OFF_CRITERION_COLUMNS } from './schema-contracts.ts';
export { CALL_OFF_OUTCOME_COLUMNS, CALL_OFF_RESPONSE_ANSWER_COLUMNS } from './schema-sealed-responses.ts';

export interface MembershipTable {
  authority_id: string;
  user_id: string;
  role: AuthorityRole;
}

export interface PartnershipRoleTable {
  authority_id: string;
  partnership_id: string;
  user_id: string;
  role: PartnershipRole;
}

export interface SessionTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  authority_id: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  user_agent: string | null;
  ip_address: string | null;
  /** Opened for someone who must enrol in two-step verification first: it may only enrol (migration 0022). */
  two_step_pending: Generated<boolean>;
  /** The provider organisation the session acts for (migration 0026); never set with authority_id. */
  provider_id: string | null;
}

export interface SignInAttemptTable {
  id: Generated<string>;
  email: string;
  ip_address: string;
  succeeded: boolean;
  attempted_at: CreatedAt;
}

/** One sign-in throttle counter (migration 0013): an account at an address, or an address (email ''). */
export interface SignInThrottleTable {
  scope: 'account_address' | 'address';
  email: string;
  ip_address: string;
  window_start: Timestamp;
  failures: Generated<number>;
  strikes: Generated<number>;
  locked_until: ColumnType<Date | null, Date | string | null, Date | string | null>;
  /** When a right password was last given for this account at this address (migration 0048); null for an address's counter. */
  last_success_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface AuditEventTable {
  authority_id: string;
  id: Generated<string>;
  user_id: string | null;
  procedure: string;
  target: string | null;
  outcome: AuditOutcome;
  occurred_at: CreatedAt;
  request_id: string;
  /** "Name (email)" of who acted, at the time (migration 0023); null for events recorded before it. */
  actor: string | null;
}

/** 'not_found': a refused attempt on a record the caller cannot see (migration 0015). */
export type AuditOutcome = 'success' | 'denied' | 'not_found';

/** What a platform administrator does acting for no authority (migration 0015); written only by record_audit_event. */
export interface PlatformAuditEventTable {
  id: Generated<string>;
  user_id: string;
  procedure: string;
  target: string | null;
  outcome: AuditOutcome;
  occurred_at: CreatedAt;
  request_id: string;
  /** "Name (email)" of who acted, at the time (migration 0023). */
  actor: string | null;
}

// ── Joint procurement (migration 0002) ──────────────────────────────────────────────────────────
// Dates are ISO strings ('2018-09-01'); numeric columns and bigint pence come back as numbers.

/** A date column: 'YYYY-MM-DD' in and out. */
type IsoDate = string;
/** A timestamp the database fills on insert and the application may refresh on update. */
type Stamped = ColumnType<Date, Date | string | undefined, Date | string>;

export type ProcurementRoute = 'pdps' | 'dps' | 'dynamic_market' | 'framework' | 'framework_closed' | 'block_contract' | 'open_tender';
export type ProcurementRegime = 'pcr_2015_light_touch' | 'procurement_act_2023' | 'provider_selection_regime';
export type ProcurementStatus = 'draft' | 'market_engagement' | 'published' | 'evaluation' | 'award_approval' | 'live' | 'closed' | 'cancelled';
export type LotBasis = 'geography' | 'complexity' | 'client_group' | 'scheme';
export type VolumeUnit = 'people' | 'units' | 'hours_per_week';
export type CriterionKind = 'quality' | 'price' | 'social_value';
export type CqcRating = 'outstanding' | 'good' | 'requires_improvement' | 'inadequate' | 'not_yet_rated';
export type ApplicationStatus = 'received' | 'admitted' | 'rejected' | 'withdrawn';
export type ApprovedListStatus = 'active' | 'suspended' | 'removed';
export type ApprovedListAction = 'admitted' | 'suspended' | 'reinstated' | 'removed';

/** One section of a specification version, stored in order as jsonb. */
export interface SpecificationSection {
  key: string;
  heading: string;
  /** Markdown. */
  body: string;
}

/** A point of the scoring scale and what it means (0 = "unacceptable" … 5 = "excellent"). */
export interface ScaleDescriptor {
  score: number;
  descriptor: string;
}

export interface ProviderTable {
  id: Generated<string>;
  legal_name: string;
  companies_house_number: string | null;
  cqc_provider_id: string | null;
  is_sme: Generated<boolean>;
  is_vcse: Generated<boolean>;
  created_at: CreatedAt;
  /** What an organisation tells us about itself (migration 0026). */
  registered_address: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  /** Registered itself on Concord (not entered by a council). */
  self_registered: Generated<boolean>;
  /** When it was verified, and by whom: an authority's id, or 'platform' for a platform administrator. */
  verified_at: Timestamp | null;
  verified_by: string | null;
  row_version: Generated<number>;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
}

export interface ProviderLocationTable {
  id: Generated<string>;
  provider_id: string;
  cqc_location_id: string | null;
  name: string;
  locality: string | null;
  rating: CqcRating | null;
  rated_on: IsoDate | null;
  /** Versioned from migration 0030 (the organisation edits its own locations). */
  row_version: Generated<number>;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
}

export interface SpecificationTable {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  title: string;
  service_type: string;
  created_at: CreatedAt;
}

export interface SpecificationVersionTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  specification_id: string;
  version: number;
  status: Generated<'draft' | 'published'>;
  sections: ColumnType<SpecificationSection[], string, string>;
  change_note: string | null;
  created_at: CreatedAt;
  published_at: Timestamp | null;
  published_by: string | null;
}

export interface ProcurementTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  reference: string;
  title: string;
  description: string | null;
  service_type: string;
  route: ProcurementRoute;
  regime: ProcurementRegime;
  status: Generated<ProcurementStatus>;
  estimated_value_pence: number | null;
  system_term_months: number | null;
  minimum_use_months: number | null;
  specification_id: string | null;
  specification_version_id: string | null;
  scale_max: Generated<number>;
  scale_descriptors: ColumnType<ScaleDescriptor[], string | undefined, string>;
  quality_threshold_percent: number | null;
  created_at: CreatedAt;
}

/** The columns every row of a procurement's shared children carries. */
interface ProcurementChild {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  procurement_id: string;
}

export interface ProcurementBuyerTable extends ProcurementChild {
  buyer_authority_id: string;
}

export interface ProcurementDecisionTable extends ProcurementChild {
  from_status: ProcurementStatus;
  to_status: ProcurementStatus;
  decided_by: string;
  decided_on: IsoDate;
  recorded_at: CreatedAt;
  decision_reference: string;
  decision_link: string | null;
  note: string | null;
}

export interface ProcurementMilestoneTable extends ProcurementChild {
  name: string;
  position: Generated<number>;
  planned_start: IsoDate | null;
  planned_end: IsoDate | null;
  actual_start: IsoDate | null;
  actual_end: IsoDate | null;
}

export interface LotTable extends ProcurementChild, VersionedStamped {
  number: number;
  name: string;
  basis: LotBasis;
  description: string | null;
  estimated_volume: number | null;
  volume_unit: VolumeUnit | null;
  expected_providers: number | null;
}

export interface EvaluationCriterionTable extends ProcurementChild, VersionedStamped {
  kind: CriterionKind;
  name: string;
  guidance: string | null;
  weight_percent: number;
  position: Generated<number>;
}

export interface GatewayQuestionTable extends ProcurementChild {
  question: string;
  guidance: string | null;
  position: Generated<number>;
}

export interface ReopeningTable extends ProcurementChild {
  opens_on: IsoDate;
  closes_on: IsoDate;
  reason: string;
}

export interface ApplicationTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  procurement_id: string;
  provider_id: string;
  reopening_id: string | null;
  received_on: IsoDate;
  bid_price_pence: number | null;
  status: Generated<ApplicationStatus>;
  outcome_reason: string | null;
  decided_on: IsoDate | null;
  /** When the provider submitted it online (migration 0031); null for an application the lead entered. */
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, never>;
}

export interface ApplicationLotTable {
  authority_id: string;
  application_id: string;
  lot_id: string;
  /** The provider's price for this lot, when it applied online with a price per lot (migration 0031). */
  bid_price_pence: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface GatewayAnswerTable {
  authority_id: string;
  application_id: string;
  question_id: string;
  passed: boolean;
  note: string | null;
}

export interface EvaluationScoreTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  application_id: string;
  criterion_id: string;
  evaluator_id: string;
  score: number;
  rationale: string;
  scored_at: Stamped;
}

export interface ModeratedScoreTable extends VersionedStamped {
  authority_id: string;
  application_id: string;
  criterion_id: string;
  score: number;
  rationale: string;
  moderated_by: string;
  moderated_at: Stamped;
}

export interface ApprovedListEntryTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  procurement_id: string;
  lot_id: string;
  provider_id: string;
  status: Generated<ApprovedListStatus>;
  admitted_on: IsoDate;
}

export interface ApprovedListEventTable {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  entry_id: string;
  action: ApprovedListAction;
  effective_on: IsoDate;
  reason: string;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface Database extends ContractsDatabase, BusinessCaseDatabase, KpiDatabase, CostModelDatabase, ReturnReviewDatabase, ApiTokenDatabase, IdempotencyDatabase, SetupDatabase, TwoStepDatabase, PeopleDatabase, PartnershipLifecycleDatabase, ProviderTenancyDatabase, ProviderPeopleDatabase, OnlineApplicationDatabase, ProviderDocumentsDatabase, ProviderAuditDatabase, SealedResponsesDatabase, MonitoringDatabase, RemindersDatabase, NoticesDatabase {
  authority: AuthorityTable;
  authority_population: AuthorityPopulationTable;
  partnership: PartnershipTable;
  partnership_member: PartnershipMemberTable;
  app_user: AppUserTable;
  membership: MembershipTable;
  partnership_role: PartnershipRoleTable;
  session: SessionTable;
  sign_in_attempt: SignInAttemptTable;
  sign_in_throttle: SignInThrottleTable;
  audit_event: AuditEventTable;
  platform_audit_event: PlatformAuditEventTable;
  provider: ProviderTable;
  provider_location: ProviderLocationTable;
  specification: SpecificationTable;
  specification_version: SpecificationVersionTable;
  procurement: ProcurementTable;
  procurement_buyer: ProcurementBuyerTable;
  procurement_decision: ProcurementDecisionTable;
  procurement_milestone: ProcurementMilestoneTable;
  lot: LotTable;
  evaluation_criterion: EvaluationCriterionTable;
  gateway_question: GatewayQuestionTable;
  reopening: ReopeningTable;
  application: ApplicationTable;
  application_lot: ApplicationLotTable;
  gateway_answer: GatewayAnswerTable;
  evaluation_score: EvaluationScoreTable;
  moderated_score: ModeratedScoreTable;
  approved_list_entry: ApprovedListEntryTable;
  approved_list_event: ApprovedListEventTable;
}
