-- Huying's tables distributed by community (the 12-digit division code that leads a county's, a town's and a
-- community's codes) for Citus: docs/scale.md, "The nation", says why and what the app still has to change.
--
-- Part 1 runs on plain PostgreSQL 15 or later, in one transaction, on a database the app's migrations made:
--   * every table is named below as distributed (it has "CommunityCode"), a child (it takes its parent's community),
--     a reference table (small, read everywhere: copied to every node) or local (kept on the coordinator);
--     a table the list does not name stops the script, so a new module's table is placed before it runs;
--   * children gain "CommunityCode", filled from their parent, and a trigger that fills it on insert on plain
--     PostgreSQL (the app does not write it yet; on Citus it must, see docs/scale.md);
--   * primary keys, unique indexes and foreign keys among distributed tables gain "CommunityCode" (Citus needs
--     the distribution column in each): a key ("Id") becomes ("CommunityCode", "Id"); the three references that
--     cross communities on purpose (a volunteer's) are dropped.
-- Part 2 runs only where the citus extension is installed: it creates the reference tables, then the distributed
-- ones (parents first) co-located with "Matters", then adds the local ones to the metadata. It is not run here:
-- this machine has no Citus; the suite checks Part 1 and that Part 2 stops before its first Citus call.
--
-- Usage: psql -v ON_ERROR_STOP=1 -d huying -f tools/citus.sql   (the suite runs it: CitusScriptTests)

BEGIN;

CREATE TEMP TABLE citus_plan (
    ord serial,
    table_name text PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('distributed', 'child', 'reference', 'local')),
    parent text,
    parent_column text
) ON COMMIT DROP;

-- Reference tables: divisions and catalogues, the same for every community; partner units and heritage
-- responsibility zones span several communities (a unit's links and a zone's members are distributed, the unit and
-- the zone are not: a village's site points at its zone, led by another village).
INSERT INTO citus_plan (table_name, kind) VALUES
    ('ResponsibilityZones', 'reference'),
    ('Divisions', 'reference'), ('Communities', 'reference'), ('MatterCategories', 'reference'),
    ('ChronicConditions', 'reference'), ('CalendarDays', 'reference'), ('PartnerUnits', 'reference'),
    ('ProxyServices', 'reference'), ('ProxyMaterials', 'reference'), ('PledgeTowns', 'reference'),
    ('Open311Clients', 'reference'), ('Settings', 'reference'), ('BriefingIssues', 'reference'),
    ('BriefingSections', 'reference');

-- Local tables, on the coordinator: accounts and their sessions, the key ring, the audit chain (one linker gives
-- its sequence), uploads' records and the readers' notification marks.
INSERT INTO citus_plan (table_name, kind) VALUES
    ('AspNetUsers', 'local'), ('AspNetRoles', 'local'), ('AspNetRoleClaims', 'local'), ('AspNetUserClaims', 'local'),
    ('AspNetUserLogins', 'local'), ('AspNetUserRoles', 'local'), ('AspNetUserTokens', 'local'),
    ('DataProtectionKeys', 'local'), ('AuditEntries', 'local'), ('Attachments', 'local'), ('CarePurposes', 'local'),
    ('NotificationCursors', 'local'), ('NotificationReads', 'local'), ('__migrations', 'local');

-- Children: rows of a distributed parent that do not carry the community themselves; parents come first.
INSERT INTO citus_plan (table_name, kind, parent, parent_column) VALUES
    ('MatterEvents', 'child', 'Matters', 'MatterId'),
    ('ExtensionRequests', 'child', 'Matters', 'MatterId'),
    ('NextNotices', 'child', 'Matters', 'MatterId'),
    ('NoticeVersions', 'child', 'Notices', 'NoticeId'),
    ('Objections', 'child', 'Notices', 'NoticeId'),
    ('FollowUpTasks', 'child', 'Topics', 'TopicId'),
    ('DeliberationOptions', 'child', 'Topics', 'TopicId'),
    ('Participants', 'child', 'Meetings', 'MeetingId'),
    ('Votes', 'child', 'Participants', 'ParticipantId'),
    ('JointMeetingAttendees', 'child', 'JointMeetings', 'MeetingId'),
    ('ProjectNeeds', 'child', 'Projects', 'ProjectId'),
    ('ProjectUnits', 'child', 'Projects', 'ProjectId'),
    ('ActivityPosts', 'child', 'Activities', 'ActivityId'),
    ('ActivityUnits', 'child', 'Activities', 'ActivityId'),
    ('TeamMembers', 'child', 'VolunteerTeams', 'TeamId'),
    ('TeamUnits', 'child', 'VolunteerTeams', 'TeamId');

-- References that cross communities on purpose, which Citus cannot keep as foreign keys between shards: a
-- volunteer signs up for, joins and leads teams of other communities than her own. They are dropped; the app
-- looks the volunteer up before it writes any of them (the sign-up, team and leader services).
CREATE TEMP TABLE citus_loose_fks (name text PRIMARY KEY) ON COMMIT DROP;
INSERT INTO citus_loose_fks VALUES
    ('FK_SignUps_Volunteers_VolunteerId'), ('FK_TeamMembers_Volunteers_VolunteerId'), ('FK_VolunteerTeams_Volunteers_LeaderId');

-- Every other table that has "CommunityCode" is distributed by it.
INSERT INTO citus_plan (table_name, kind)
SELECT c.table_name, 'distributed'
FROM information_schema.columns c
WHERE c.table_schema = 'public' AND c.column_name = 'CommunityCode'
  AND c.table_name NOT IN (SELECT table_name FROM citus_plan)
ORDER BY c.table_name = 'Matters' DESC, c.table_name;

DO $plan$
DECLARE
    missing text;
BEGIN
    SELECT string_agg(t.tablename, ', ' ORDER BY t.tablename) INTO missing
    FROM pg_tables t WHERE t.schemaname = 'public' AND t.tablename NOT IN (SELECT table_name FROM citus_plan);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'tools/citus.sql does not place these tables: %', missing
            USING HINT = 'name each as distributed, child, reference or local in citus_plan';
    END IF;
    SELECT string_agg(p.table_name, ', ') INTO missing
    FROM citus_plan p WHERE NOT EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = 'public' AND t.tablename = p.table_name);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'tools/citus.sql places tables the database does not have: %', missing;
    END IF;
END
$plan$;

-- Fills a child's community from its parent when the writer left it out (plain PostgreSQL only: on Citus the
-- distribution column must be in the INSERT itself, the shard is chosen before any trigger runs).
CREATE OR REPLACE FUNCTION huying_community_from_parent() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    code varchar(12);
BEGIN
    IF NEW."CommunityCode" IS NULL THEN
        EXECUTE format('SELECT "CommunityCode" FROM %I WHERE "Id" = $1', TG_ARGV[0])
            INTO code USING (to_jsonb(NEW) ->> TG_ARGV[1])::bigint;
        NEW."CommunityCode" := code;
    END IF;
    RETURN NEW;
END
$fn$;

DO $children$
DECLARE
    r record;
    left_empty bigint;
BEGIN
    FOR r IN SELECT * FROM citus_plan WHERE kind = 'child' ORDER BY ord LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN "CommunityCode" varchar(12)', r.table_name);
        EXECUTE format('UPDATE %I c SET "CommunityCode" = p."CommunityCode" FROM %I p WHERE p."Id" = c.%I',
            r.table_name, r.parent, r.parent_column);
        EXECUTE format('SELECT count(*) FROM %I WHERE "CommunityCode" IS NULL', r.table_name) INTO left_empty;
        IF left_empty > 0 THEN
            RAISE EXCEPTION '% rows of % have no parent in % to take a community from', left_empty, r.table_name, r.parent;
        END IF;
        EXECUTE format('ALTER TABLE %I ALTER COLUMN "CommunityCode" SET NOT NULL', r.table_name);
        EXECUTE format('CREATE TRIGGER huying_community BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION huying_community_from_parent(%L, %L)',
            r.table_name, r.parent, r.parent_column);
    END LOOP;
END
$children$;

-- Keys: foreign keys among distributed tables are taken off, primary keys and unique indexes gain the community,
-- and the foreign keys come back on (community, key) pairs, their ON DELETE kept.
DO $keys$
DECLARE
    fk record;
    ix record;
    pk record;
    cols text;
    ref_cols text;
    on_delete text;
BEGIN
    CREATE TEMP TABLE citus_fks ON COMMIT DROP AS
    SELECT con.conname::text AS name, con.conrelid::regclass::text AS child, con.confrelid::regclass::text AS parent,
           con.confdeltype AS on_delete,
           (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
           (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS ref_columns
    FROM pg_constraint con
    JOIN pg_class cr ON cr.oid = con.conrelid JOIN citus_plan c ON c.table_name = cr.relname
    JOIN pg_class pr ON pr.oid = con.confrelid JOIN citus_plan p ON p.table_name = pr.relname
    WHERE con.contype = 'f' AND con.connamespace = 'public'::regnamespace
      AND c.kind IN ('distributed', 'child') AND p.kind IN ('distributed', 'child');

    IF EXISTS (SELECT 1 FROM pg_constraint con
               JOIN pg_class cr ON cr.oid = con.conrelid JOIN citus_plan c ON c.table_name = cr.relname
               JOIN pg_class pr ON pr.oid = con.confrelid JOIN citus_plan p ON p.table_name = pr.relname
               WHERE con.contype = 'f' AND c.kind IN ('reference', 'local') AND p.kind IN ('distributed', 'child')) THEN
        RAISE EXCEPTION 'a reference or local table has a foreign key to a distributed one: Citus refuses it';
    END IF;

    FOR fk IN SELECT * FROM citus_fks LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.child, fk.name);
    END LOOP;

    FOR pk IN
        SELECT con.conname::text AS name, con.conrelid::regclass::text AS tbl,
               (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
               EXISTS (SELECT 1 FROM unnest(con.conkey) k JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k
                       WHERE a.attname = 'CommunityCode') AS has_community
        FROM pg_constraint con JOIN pg_class cr ON cr.oid = con.conrelid JOIN citus_plan c ON c.table_name = cr.relname
        WHERE con.contype = 'p' AND con.connamespace = 'public'::regnamespace AND c.kind IN ('distributed', 'child')
    LOOP
        IF NOT pk.has_community THEN
            EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', pk.tbl, pk.name);
            EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I PRIMARY KEY ("CommunityCode", %s)', pk.tbl, pk.name, pk.columns);
        END IF;
    END LOOP;

    FOR ix IN
        SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
        FROM pg_index i JOIN pg_class cr ON cr.oid = i.indrelid AND cr.relnamespace = 'public'::regnamespace
        JOIN citus_plan c ON c.table_name = cr.relname
        WHERE i.indisunique AND NOT i.indisprimary AND c.kind IN ('distributed', 'child')
          AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k
                          WHERE a.attname = 'CommunityCode')
    LOOP
        EXECUTE format('DROP INDEX %s', ix.name);
        EXECUTE regexp_replace(ix.def, 'USING btree \(', 'USING btree ("CommunityCode", ');
        RAISE NOTICE 'unique within a community now: %', ix.name;
    END LOOP;

    FOR fk IN SELECT * FROM citus_fks WHERE name NOT IN (SELECT name FROM citus_loose_fks) LOOP
        on_delete := CASE fk.on_delete
            WHEN 'c' THEN 'CASCADE'
            WHEN 'n' THEN format('SET NULL (%s)', fk.columns)
            WHEN 'd' THEN format('SET DEFAULT (%s)', fk.columns)
            WHEN 'r' THEN 'RESTRICT'
            ELSE 'NO ACTION' END;
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I FOREIGN KEY ("CommunityCode", %s) REFERENCES %s ("CommunityCode", %s) ON DELETE %s',
            fk.child, fk.name, fk.columns, fk.parent, fk.ref_columns, on_delete);
    END LOOP;
END
$keys$;

-- What Part 2 reads once this transaction has dropped its temporary tables.
CREATE TABLE IF NOT EXISTS huying_citus_plan (ord int, table_name text PRIMARY KEY, kind text NOT NULL);
TRUNCATE huying_citus_plan;
INSERT INTO huying_citus_plan SELECT ord, table_name, kind FROM citus_plan;

COMMIT;

-- Part 2: Citus. Reference tables first (the distributed ones point at them), then "Matters", then each distributed
-- table once the tables it points at are (co-located with "Matters"), then the local ones.
DO $citus$
DECLARE
    r record;
    next_table text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RAISE NOTICE 'citus is not installed here: the tables are keyed for it and not distributed';
        RETURN;
    END IF;
    FOR r IN SELECT * FROM huying_citus_plan WHERE kind = 'reference' ORDER BY ord LOOP
        PERFORM create_reference_table(quote_ident(r.table_name));
    END LOOP;
    CREATE TEMP TABLE citus_waiting ON COMMIT DROP AS
        SELECT table_name FROM huying_citus_plan WHERE kind IN ('distributed', 'child');
    LOOP
        SELECT w.table_name INTO next_table FROM citus_waiting w
        WHERE NOT EXISTS (SELECT 1 FROM pg_constraint con JOIN pg_class cr ON cr.oid = con.conrelid
                          JOIN pg_class pr ON pr.oid = con.confrelid JOIN citus_waiting o ON o.table_name = pr.relname
                          WHERE con.contype = 'f' AND cr.relname = w.table_name AND pr.relname <> w.table_name)
        ORDER BY w.table_name <> 'Matters', w.table_name LIMIT 1;
        EXIT WHEN next_table IS NULL;
        -- The shard is chosen from the INSERT before a trigger could fill the column: the app writes it there.
        EXECUTE format('DROP TRIGGER IF EXISTS huying_community ON %I', next_table);
        PERFORM create_distributed_table(quote_ident(next_table), 'CommunityCode',
            colocate_with => CASE WHEN next_table = 'Matters' THEN 'default' ELSE '"Matters"' END);
        DELETE FROM citus_waiting WHERE table_name = next_table;
    END LOOP;
    IF EXISTS (SELECT 1 FROM citus_waiting) THEN
        RAISE EXCEPTION 'distributed tables whose foreign keys go round in a circle: %', (SELECT string_agg(table_name, ', ') FROM citus_waiting);
    END IF;
    FOR r IN SELECT * FROM huying_citus_plan WHERE kind = 'local' ORDER BY ord LOOP
        PERFORM citus_add_local_table_to_metadata(quote_ident(r.table_name));
    END LOOP;
END
$citus$;
