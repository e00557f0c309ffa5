// @ts-check

/**
 * Answers go stale: the reminders sent about answers that expire soon or
 * have expired, so that no step is reminded twice; how many reminders each
 * user got on a day, to bound them; and which changes of an answer were
 * re-attestations.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ospo_checklist_answer_reminders', table => {
    table.comment(
      'One row per reminder step sent about one version of a team answer',
    );
    table.string('team_ref', 255).notNullable();
    table.string('checklist_id', 100).notNullable();
    table.string('item_id', 100).notNullable();
    table
      .integer('answer_version')
      .notNullable()
      .comment(
        'The version of the answer reminded about; a new one starts over',
      );
    table
      .string('step', 16)
      .notNullable()
      .comment('expiring (before expiry) | expired');
    table
      .timestamp('sent_at', { useTz: true })
      .notNullable()
      .comment('When it was sent (database time)');
    table
      .integer('recipient_count')
      .notNullable()
      .comment('Members notified; the others had had their daily reminders');
    table.primary([
      'team_ref',
      'checklist_id',
      'item_id',
      'answer_version',
      'step',
    ]);
  });

  await knex.schema.createTable('ospo_checklist_reminder_quota', table => {
    table.comment(
      'How many answer reminders each user was sent per day, to cap them',
    );
    table
      .string('user_ref', 255)
      .notNullable()
      .comment('Entity ref of the user');
    table
      .string('day', 10)
      .notNullable()
      .comment('The UTC day by the database clock, YYYY-MM-DD');
    table.integer('sent').notNullable().defaultTo(0);
    table.primary(['user_ref', 'day']);
  });

  await knex.schema.alterTable('ospo_checklist_answer_history', table => {
    table
      .boolean('reattested')
      .notNullable()
      .defaultTo(false)
      .comment('The change re-attested a done answer as it was');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ospo_checklist_answer_history', table => {
    table.dropColumn('reattested');
  });
  await knex.schema.dropTable('ospo_checklist_reminder_quota');
  await knex.schema.dropTable('ospo_checklist_answer_reminders');
};
