// @ts-check

/**
 * Campaigns: the OSPO asks teams to complete a checklist (or some of its
 * items) by a date; and the reminders sent about them, one row per person
 * and step, so that nobody is reminded twice of the same step.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ospo_campaigns', table => {
    table.comment('A campaign of the OSPO: teams to complete items by a date');
    table.string('id', 36).primary().comment('A UUID');
    table.string('title', 200).notNullable();
    table.text('goal').nullable();
    table.string('checklist_id', 100).notNullable();
    table
      .text('item_ids')
      .nullable()
      .comment('JSON array of item ids; null for every item of the checklist');
    table
      .text('target_refs')
      .notNullable()
      .comment('JSON array of Group refs: departments or teams');
    table.string('start_date', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table
      .string('target_date', 10)
      .notNullable()
      .comment('YYYY-MM-DD, UTC: the last day to be done');
    table
      .string('status', 16)
      .notNullable()
      .comment('active | closed | cancelled');
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['status'], 'ospo_campaigns_status_idx');
  });

  await knex.schema.createTable('ospo_campaign_reminders', table => {
    table.comment('Reminders sent about a campaign, one per person and step');
    table
      .string('campaign_id', 36)
      .notNullable()
      .references('id')
      .inTable('ospo_campaigns')
      .onDelete('CASCADE');
    table
      .string('step', 32)
      .notNullable()
      .comment('started | halfway | week-left | overdue');
    table
      .string('user_ref', 255)
      .notNullable()
      .comment('Entity ref of the reminded user');
    table
      .text('team_refs')
      .notNullable()
      .comment('JSON array of the teams not done the user was reminded of');
    table
      .string('sent_on', 10)
      .notNullable()
      .comment('YYYY-MM-DD (UTC, database time): for the daily cap');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.primary(['campaign_id', 'step', 'user_ref']);
    table.index(['user_ref', 'sent_on'], 'ospo_campaign_reminders_user_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ospo_campaign_reminders');
  await knex.schema.dropTable('ospo_campaigns');
};
