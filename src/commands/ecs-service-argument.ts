import { z } from 'zod';

/**
 * An ECS service as a key of `ecs.services` names it (`n8n`, `n8n-main`), matched without regard to case:
 * `SCALE N8N 4` (caps lock, a phone's capital first letter) means `n8n`. The YAML's keys are lower case
 * (src/config/radio-config.ts), so the lowered word is the key, and that is what plans and the audit see.
 */
export const EcsServiceKey = z.string().min(1).toLowerCase();
