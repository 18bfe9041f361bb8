import type { Area } from './area.ts';
import { auditArea } from './audit/index.tsx';
import { homeArea } from './home/index.tsx';
import { partnershipArea } from './partnership/index.tsx';
import { sessionsArea } from './sessions/index.tsx';

/** Every area of the service, in navigation order. Add an area here (and its folder) to route to it and list it. */
export const areas: Area[] = [homeArea, partnershipArea, sessionsArea, auditArea];
