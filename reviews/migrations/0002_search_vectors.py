"""Full-text search on PostgreSQL: triggers keep `search_vector` up to date on every write
(imports, admin edits, bulk updates, loaddata), GIN indexes serve the site-wide search.

Weights: a paper's title and a section's heading are A, the rest B. On SQLite
these operations do nothing; the search falls back to the folded `search_text`.
"""

from django.db import migrations

from kb_site.migration_ops import PostgreSQLOnly

PAPER_SQL = """
CREATE FUNCTION reviews_paper_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector('english', concat_ws(' ', NEW.first_author, replace(NEW.task, '-', ' '),
                                                   NEW.modality)), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER reviews_paper_search_vector_update
    BEFORE INSERT OR UPDATE ON reviews_paper
    FOR EACH ROW EXECUTE FUNCTION reviews_paper_search_vector();

UPDATE reviews_paper SET search_vector = NULL;

-- the site-wide search over papers (reviews.search)
CREATE INDEX reviews_paper_search_gin ON reviews_paper USING gin (search_vector);
"""

PAPER_REVERSE_SQL = """
DROP INDEX IF EXISTS reviews_paper_search_gin;
DROP TRIGGER IF EXISTS reviews_paper_search_vector_update ON reviews_paper;
DROP FUNCTION IF EXISTS reviews_paper_search_vector();
"""

SECTION_SQL = """
CREATE FUNCTION reviews_section_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.heading, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(NEW.text, '')), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER reviews_section_search_vector_update
    BEFORE INSERT OR UPDATE ON reviews_section
    FOR EACH ROW EXECUTE FUNCTION reviews_section_search_vector();

UPDATE reviews_section SET search_vector = NULL;

-- the site-wide search over the reviews' text (reviews.search)
CREATE INDEX reviews_section_search_gin ON reviews_section USING gin (search_vector);
"""

SECTION_REVERSE_SQL = """
DROP INDEX IF EXISTS reviews_section_search_gin;
DROP TRIGGER IF EXISTS reviews_section_search_vector_update ON reviews_section;
DROP FUNCTION IF EXISTS reviews_section_search_vector();
"""


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [
        PostgreSQLOnly(sql=PAPER_SQL, reverse_sql=PAPER_REVERSE_SQL),
        PostgreSQLOnly(sql=SECTION_SQL, reverse_sql=SECTION_REVERSE_SQL),
    ]
