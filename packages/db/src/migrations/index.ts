import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_procurement.ts';
import * as m0003 from './0003_contracts.ts';
import * as m0004 from './0004_cost_models.ts';
import * as m0005 from './0005_business_cases.ts';
import * as m0006 from './0006_kpis.ts';
import * as m0007 from './0007_return_reviews.ts';
import * as m0008 from './0008_placement_sourcing.ts';
import * as m0009 from './0009_api_tokens.ts';
import * as m0010 from './0010_return_review_privacy.ts';
import * as m0011 from './0011_cancellations_and_withdrawals.ts';
import * as m0012 from './0012_contract_termination.ts';
import * as m0013 from './0013_sign_in_throttle.ts';
import * as m0014 from './0014_record_versions.ts';
import * as m0015 from './0015_audit_function.ts';
import * as m0016 from './0016_applied_migrations.ts';
import * as m0017 from './0017_first_run_setup.ts';
import * as m0018 from './0018_authority_registry.ts';
import * as m0019 from './0019_people.ts';
import * as m0020 from './0020_two_step.ts';
import * as m0021 from './0021_partnership_lifecycle.ts';
import * as m0022 from './0022_two_step_required.ts';
import * as m0023 from './0023_audit_administration.ts';
import * as m0024 from './0024_request_identity.ts';
import * as m0025 from './0025_indexes_the_plans_ask_for.ts';
import * as m0026 from './0026_provider_tenancy.ts';
import * as m0027 from './0027_returns_by_period.ts';
import * as m0034 from './0034_message_outbox.ts';
import * as m0029 from './0029_provider_people.ts';
import * as m0030 from './0030_provider_documents.ts';
import * as m0031 from './0031_online_applications.ts';
import * as m0032 from './0032_sealed_call_off_responses.ts';
import * as m0033 from './0033_provider_contracts.ts';
import * as m0036 from './0036_monitored_kpis.ts';
import * as m0037 from './0037_deadline_reminders.ts';
import * as m0038 from './0038_provider_gaps.ts';
import * as m0039 from './0039_procurement_notices.ts';
import * as m0040 from './0040_citus_distribution.ts';
import * as m0043 from './0043_policies_evaluated_once.ts';
import * as m0044 from './0044_citus_join_policy.ts';
import * as m0045 from './0045_housekeeping.ts';
import * as m0046 from './0046_actual_rate_version.ts';
import * as m0047 from './0047_more_record_versions.ts';
import * as m0048 from './0048_sign_in_remembered.ts';
import * as m0050 from './0050_invitations_and_role_versions.ts';
import * as m0051 from './0051_admin_roles_in_settings.ts';
import * as m0052 from './0052_policies_read_settings.ts';
import * as m0053 from './0053_citus_more_distribution.ts';
import * as m0055 from './0055_score_versions.ts';
import * as m0056 from './0056_citus_kpi_reference.ts';
import * as m0057 from './0057_audit_by_the_application.ts';
import * as m0058 from './0058_colleague_columns.ts';
import * as m0059 from './0059_session_colleague_policies.ts';
import * as m0060 from './0060_placements_running_index.ts';
import * as m0061 from './0061_call_off_policies.ts';
import * as m0062 from './0062_notice_and_monitoring_keys.ts';
import * as m0063 from './0063_ended_sessions_act_for_nobody.ts';
import * as m0064 from './0064_procurement_provider_policies.ts';
import * as m0065 from './0065_application_owned_policies.ts';
import * as m0066 from './0066_provider_document_policies.ts';
import * as m0067 from './0067_manager_roles_in_settings.ts';
import * as m0068 from './0068_partnership_policy_copies.ts';
import * as m0069 from './0069_triggers_told_their_table.ts';
import * as m0070 from './0070_citus_ready_functions.ts';

/** Forward-only, applied in name order. Never edit one that has shipped: add the next. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_procurement': m0002,
  '0003_contracts': m0003,
  '0004_cost_models': m0004,
  '0005_business_cases': m0005,
  '0006_kpis': m0006,
  '0007_return_reviews': m0007,
  '0008_placement_sourcing': m0008,
  '0009_api_tokens': m0009,
  '0010_return_review_privacy': m0010,
  '0011_cancellations_and_withdrawals': m0011,
  '0012_contract_termination': m0012,
  '0013_sign_in_throttle': m0013,
  '0014_record_versions': m0014,
  '0015_audit_function': m0015,
  '0016_applied_migrations': m0016,
  '0017_first_run_setup': m0017,
  '0018_authority_registry': m0018,
  '0019_people': m0019,
  '0020_two_step': m0020,
  '0021_partnership_lifecycle': m0021,
  '0022_two_step_required': m0022,
  '0023_audit_administration': m0023,
  '0024_request_identity': m0024,
  '0025_indexes_the_plans_ask_for': m0025,
  '0026_provider_tenancy': m0026,
  '0027_returns_by_period': m0027,
  '0029_provider_people': m0029,
  '0030_provider_documents': m0030,
  '0031_online_applications': m0031,
  '0032_sealed_call_off_responses': m0032,
  '0033_provider_contracts': m0033,
  '0034_message_outbox': m0034,
  '0036_monitored_kpis': m0036,
  '0037_deadline_reminders': m0037,
  '0038_provider_gaps': m0038,
  '0039_procurement_notices': m0039,
  '0040_citus_distribution': m0040,
  '0043_policies_evaluated_once': m0043,
  '0044_citus_join_policy': m0044,
  '0045_housekeeping': m0045,
  '0046_actual_rate_version': m0046,
  '0047_more_record_versions': m0047,
  '0048_sign_in_remembered': m0048,
  '0050_invitations_and_role_versions': m0050,
  '0051_admin_roles_in_settings': m0051,
  '0052_policies_read_settings': m0052,
  '0053_citus_more_distribution': m0053,
  '0055_score_versions': m0055,
  '0056_citus_kpi_reference': m0056,
  '0057_audit_by_the_application': m0057,
  '0058_colleague_columns': m0058,
  '0059_session_colleague_policies': m0059,
  '0060_placements_running_index': m0060,
  '0061_call_off_policies': m0061,
  '0062_notice_and_monitoring_keys': m0062,
  '0063_ended_sessions_act_for_nobody': m0063,
  '0064_procurement_provider_policies': m0064,
  '0065_application_owned_policies': m0065,
  '0066_provider_document_policies': m0066,
  '0067_manager_roles_in_settings': m0067,
  '0068_partnership_policy_copies': m0068,
  '0069_triggers_told_their_table': m0069,
  '0070_citus_ready_functions': m0070,
};
