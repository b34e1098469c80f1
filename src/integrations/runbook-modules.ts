// Issue 16's integration modules, listed here so src/integrations/modules.ts takes them with one line.
import { costModule } from './cost/cost-module.js';
import { elasticacheModule } from './elasticache/elasticache-module.js';
import { logsModule } from './logs/logs-module.js';

export const RUNBOOK_MODULES = [logsModule, elasticacheModule, costModule] as const;
