// What the app and the workers need to run policy: the installed plugins and how to run them.
import type { EvaluationRunner } from './evaluation-runner.ts';
import type { PluginRegistry } from './tenant-plugins.ts';

export interface PolicyDeps {
  registry: PluginRegistry;
  runner: EvaluationRunner;
}
