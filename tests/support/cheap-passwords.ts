import { lowerPasswordCostForTests } from '@concord/api';
import { TEST_PASSWORD_COST } from './api.ts';

/**
 * Every integration file (issue 14, item 8): passwords set in a test (sign-ups, invitations, resets) and the
 * unknown-email check hash at the cost the seeded template's demo users have, not at 2^15: the same path, ~0.2 s of
 * CPU less per hash. packages/api's password.test holds the real cost.
 */
lowerPasswordCostForTests(TEST_PASSWORD_COST);
