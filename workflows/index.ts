/**
 * Every workflow type the Pacte worker runs (the bundle's entry point).
 *
 * @module
 */
export { agreementLifecycle } from './agreement-lifecycle';
export { censusCampaign } from './census-campaign';
export { projectSheet } from './project-sheet';
