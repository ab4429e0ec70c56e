/**
 * Workflow ids from business keys (docs/contracts.md#workflow-ids-and-task-queue): one lifecycle
 * per agreement, its census campaigns and project sheets beneath it, so the Web UI lists them
 * together. Ids only, no personal data.
 *
 * @module
 */

export const DEFAULT_TASK_QUEUE = 'pacte';

export function lifecycleWorkflowId(agreementId: string): string {
  return `agreement-${agreementId}`;
}

export function censusWorkflowId(agreementId: string, year: number): string {
  return `${lifecycleWorkflowId(agreementId)}/census-${year}`;
}

export function sheetWorkflowId(agreementId: string, year: number, projectId: string): string {
  return `${censusWorkflowId(agreementId, year)}/sheet-${projectId}`;
}
