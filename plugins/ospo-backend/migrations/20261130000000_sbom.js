// @ts-check

/**
 * SBOM scans of catalog entities (CycloneDX uploads) and what they found:
 * the latest scan of each entity, the summary of every scan, and the
 * findings (denied dependency licenses, open vulnerabilities) over their
 * life, from the scan that first had them to the one that no longer did.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ospo_sbom_scans', table => {
    table.comment('The summary of every SBOM scan stored, per entity');
    table.bigIncrements('id').primary();
    table
      .string('entity_ref', 512)
      .notNullable()
      .comment('The entity scanned, e.g. component:default/checkout');
    table
      .timestamp('scanned_at', { useTz: true })
      .notNullable()
      .comment('When the scan was stored (database time)');
    table
      .text('uploaded_by')
      .notNullable()
      .comment('The user or service that uploaded it');
    table.string('spec_version', 16).notNullable().comment('e.g. 1.6');
    table.text('tool').nullable().comment('The tool that produced the SBOM');
    table.text('serial_number').nullable().comment('CycloneDX serialNumber');
    table.integer('component_count').notNullable();
    table.integer('license_allowed').notNullable();
    table.integer('license_review').notNullable();
    table.integer('license_denied').notNullable();
    table.integer('license_unclassified').notNullable();
    table.integer('license_unknown').notNullable();
    table.integer('vulnerability_critical').notNullable();
    table.integer('vulnerability_high').notNullable();
    table.integer('vulnerability_medium').notNullable();
    table.integer('vulnerability_low').notNullable();
    table.integer('vulnerability_unknown').notNullable();
    // An entity's history, newest first.
    table.index(['entity_ref', 'id'], 'ospo_sbom_scans_entity_idx');
  });

  await knex.schema.createTable('ospo_sbom_latest', table => {
    table.comment(
      'The latest SBOM scan of each entity; its row is locked while a scan of the entity is stored',
    );
    table
      .string('entity_ref', 512)
      .primary()
      .comment('The entity, e.g. component:default/checkout');
    table
      .bigInteger('scan_id')
      .unsigned()
      .nullable()
      .references('id')
      .inTable('ospo_sbom_scans')
      .onDelete('CASCADE')
      .comment(
        'The latest scan; null only inside the transaction storing the first',
      );
    table
      .timestamp('scanned_at', { useTz: true })
      .notNullable()
      .comment('When the latest scan was stored (database time)');
  });

  await knex.schema.createTable('ospo_sbom_findings', table => {
    table.comment(
      'Denied dependency licenses and open vulnerabilities found by SBOM scans, open until a scan no longer has them',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('kind', 16).notNullable().comment('license or vulnerability');
    table
      .text('finding_key')
      .notNullable()
      .comment('The same problem in the next scan has the same key');
    table.text('package_name').notNullable();
    table.text('package_version').nullable();
    table.text('package_purl').nullable();
    table
      .text('license')
      .nullable()
      .comment('License findings: the expression as the SBOM gives it');
    table
      .text('culprits')
      .nullable()
      .comment('License findings: the licenses that decide, as a JSON array');
    table
      .text('vulnerability_id')
      .nullable()
      .comment('Vulnerability findings: e.g. CVE-2021-23337');
    table
      .string('severity', 16)
      .nullable()
      .comment(
        'Vulnerability findings: critical, high, medium, low or unknown',
      );
    table.text('fixed_version').nullable();
    table.text('url').nullable();
    table
      .timestamp('first_seen_at', { useTz: true })
      .notNullable()
      .comment('When the scan that first had it was stored');
    table
      .timestamp('resolved_at', { useTz: true })
      .nullable()
      .comment('When the first scan without it was stored; null while open');
    // The open findings of an entity (each scan's diff, the entity page),
    // and all of an entity's findings when it is deleted.
    table.index(['entity_ref', 'resolved_at'], 'ospo_sbom_findings_entity_idx');
    // The open findings of a kind, across entities (metrics).
    table.index(['kind'], 'ospo_sbom_findings_open_kind_idx', {
      predicate: knex.whereNull('resolved_at'),
    });
    // Findings resolved since a date (time to fix).
    table.index(['resolved_at'], 'ospo_sbom_findings_resolved_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ospo_sbom_findings');
  await knex.schema.dropTable('ospo_sbom_latest');
  await knex.schema.dropTable('ospo_sbom_scans');
};
