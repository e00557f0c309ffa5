// @ts-check

/**
 * When a consultation request was closed, and the requester's rating of the
 * OSPO's answer, with a `rated` event in its thread. Requests closed before this migration get the time of the
 * status change that closed them, from their thread.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ospo_consultations', table => {
    table
      .timestamp('closed_at', { useTz: true })
      .nullable()
      .comment(
        'When it was last resolved, declined or withdrawn; cleared when reopened',
      );
    table
      .integer('rating_score')
      .nullable()
      .comment("The requester's rating of the answer, 1 to 5; set once");
    table.text('rating_comment').nullable();
    table
      .timestamp('rated_at', { useTz: true })
      .nullable()
      .comment('When it was rated (database time)');
    table.index(['closed_at'], 'ospo_consultations_closed_idx');
    table.index(['rated_at'], 'ospo_consultations_rated_idx');
  });
  await knex.schema.alterTable('ospo_consultation_events', table => {
    table
      .integer('score')
      .nullable()
      .comment('The score of a rated event, 1 to 5');
  });
  await knex('ospo_consultations')
    .whereIn('status', ['resolved', 'declined', 'withdrawn'])
    .update({
      closed_at: knex('ospo_consultation_events')
        .max('created_at')
        .where('type', 'status')
        .where('consultation_id', knex.ref('ospo_consultations.id'))
        .where('to_status', knex.ref('ospo_consultations.status')),
    });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex('ospo_consultation_events').where('type', 'rated').delete();
  await knex.schema.alterTable('ospo_consultation_events', table => {
    table.dropColumn('score');
  });
  await knex.schema.alterTable('ospo_consultations', table => {
    table.dropIndex([], 'ospo_consultations_closed_idx');
    table.dropIndex([], 'ospo_consultations_rated_idx');
    table.dropColumn('closed_at');
    table.dropColumn('rating_score');
    table.dropColumn('rating_comment');
    table.dropColumn('rated_at');
  });
};
