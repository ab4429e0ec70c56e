/**
 * The `ApplicationFailure.type` values Pacte's workflows and activities raise, and that callers
 * (the `pacte` command, retry policies, tests) recognise. One list, so a type cannot be spelled
 * two ways.
 *
 * @module
 */

/** An update refused by its validator: the message names the field; nothing was recorded. */
export const INVALID_OPERATION = 'InvalidOperation';

/** A permanent rejection of an e-mail (5xx, unusable address): not retried, recorded in the state. */
export const PERMANENT_DELIVERY_FAILURE = 'PermanentDeliveryFailure';

/** A message the activity cannot render or send as given (a bug upstream): not retried. */
export const INVALID_REMINDER_MESSAGE = 'InvalidReminderMessage';

/** A batch with messages still pending after a transient failure: retried by the policy. */
export const DELIVERY_BATCH_INCOMPLETE = 'DeliveryBatchIncomplete';
