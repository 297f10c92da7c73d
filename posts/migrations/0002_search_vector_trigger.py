"""PostgreSQL full-text search for posts: a trigger keeps search_vector in step, a GIN index serves it.

The trigger covers every write (the importer's bulk inserts and updates, admin
edits, loaddata): the headline weighs A, the text, the forwarded-from channel and
the link preview weigh B, all in the Russian configuration. On SQLite this
migration does nothing; search there uses the folded search_text column.
"""

from django.db import migrations

from kb_site.migration_ops import PostgreSQLOnly

TRIGGER = """
CREATE FUNCTION posts_post_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('russian', coalesce(NEW.headline, '')), 'A')
        || setweight(to_tsvector('russian', concat_ws(' ',
            NEW.text, NEW.forwarded_from, NEW.preview_site, NEW.preview_title, NEW.preview_description)), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER posts_post_search_vector_trigger
    BEFORE INSERT OR UPDATE ON posts_post
    FOR EACH ROW EXECUTE FUNCTION posts_post_search_vector_update();

UPDATE posts_post SET search_vector = NULL;
"""

DROP_TRIGGER = """
DROP TRIGGER IF EXISTS posts_post_search_vector_trigger ON posts_post;
DROP FUNCTION IF EXISTS posts_post_search_vector_update();
"""


class Migration(migrations.Migration):
    dependencies = [("posts", "0001_initial")]

    operations = [
        PostgreSQLOnly(sql=TRIGGER, reverse_sql=DROP_TRIGGER),
        # `q` on the post list and the site-wide search: search_vector @@ websearch_to_tsquery('russian', ...).
        PostgreSQLOnly(
            sql="CREATE INDEX posts_post_search_gin ON posts_post USING gin (search_vector);",
            reverse_sql="DROP INDEX IF EXISTS posts_post_search_gin;",
        ),
    ]
