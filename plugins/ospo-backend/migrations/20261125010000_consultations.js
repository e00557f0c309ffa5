// @ts-check

/**
 * Consultation requests to the OSPO and their threads.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ospo_consultations', table => {
    table.comment('Requests for the OSPO’s advice about one catalog entity');
    table.string('id', 36).primary().comment('UUID');
    table.string('entity_ref', 255).notNullable();
    table
      .string('requester_ref', 255)
      .notNullable()
      .comment('Entity ref of the user');
    table.string('topic', 100).notNullable();
    table.string('summary', 200).notNullable();
    table.text('details').nullable();
    table
      .string('urgency', 16)
      .notNullable()
      .comment('low | normal | high | critical');
    table
      .string('status', 16)
      .notNullable()
      .comment('open | in-progress | resolved | declined | withdrawn');
    table.string('assignee_ref', 255).nullable();
    table.text('resolution').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table
      .timestamp('first_response_at', { useTz: true })
      .nullable()
      .comment('When OSPO staff first acted on the request');
    table.integer('comment_count').notNullable().defaultTo(0);
    table.index(['status'], 'ospo_consultations_status_idx');
    table.index(['entity_ref'], 'ospo_consultations_entity_idx');
    table.index(['created_at'], 'ospo_consultations_created_idx');
  });

  await knex.schema.createTable('ospo_consultation_events', table => {
    table.comment(
      'The thread of a consultation: creation, comments, status changes, assignments',
    );
    table.bigIncrements('id').primary();
    table
      .string('consultation_id', 36)
      .notNullable()
      .references('id')
      .inTable('ospo_consultations')
      .onDelete('CASCADE');
    table
      .string('type', 16)
      .notNullable()
      .comment('created | comment | status | assignment');
    table.string('actor_ref', 255).notNullable();
    table.text('body').nullable();
    table.string('from_status', 16).nullable();
    table.string('to_status', 16).nullable();
    table.string('assignee_ref', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(
      ['consultation_id'],
      'ospo_consultation_events_consultation_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ospo_consultation_events');
  await knex.schema.dropTable('ospo_consultations');
};
