-- AlterTable
ALTER TABLE "application" ADD COLUMN     "representative_search_name" TEXT;

-- CreateIndex
CREATE INDEX "application_court_id_representative_search_name_idx" ON "application"("court_id", "representative_search_name");

-- Backfill (by hand): the representative's own name on the applications already submitted for
-- someone else, as the app's searchable() computes it for French names (lower case, accents
-- removed, "family given", one space between words); anonymised applications have none.
UPDATE "application" a SET "representative_search_name" = btrim(regexp_replace(lower(translate(
  c."family_name" || ' ' || c."given_name",
  'ÀÂÄÁÃÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸàâäáãçéèêëíìîïñóòôöõúùûüýÿ-''’',
  'AAAAACEEEEIIIINOOOOOUUUUYYaaaaaceeeeiiiinooooouuuuyy   ')), '\s+', ' ', 'g'))
FROM "citizen" c
WHERE c."id" = a."citizen_id" AND a."status" <> 'DRAFT'
  AND a."representation" IN ('MINOR_CHILD', 'PROTECTED_ADULT')
  AND a."search_name" IS NOT NULL;
