// B3b's "before" bundle: a workflow interceptor module (imported by every workflow the bundle
// runs) that loads the operations' zod schemas and the agreement parser at workflow start, as
// workflows/operations.ts did before `workflows/operation-schemas.ts` made them lazy.
import '../domain/operations';
import '../domain/parse-agreement';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

export const interceptors: WorkflowInterceptorsFactory = () => ({});
