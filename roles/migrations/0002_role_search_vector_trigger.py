"""PostgreSQL full-text search for roles: a trigger keeps `search_vector` (title and short
name weight A, summary and section text weight B, English configuration), a GIN index
serves `search_vector @@ websearch_to_tsquery(...)` (roles.search). SQLite skips both."""

from django.db import migrations

from kb_site.migration_ops import PostgreSQLOnly

FORWARD = """
CREATE FUNCTION roles_role_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '') || ' ' || coalesce(NEW.short_name, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.summary, '') || ' ' || coalesce(NEW.body_text, '')), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER roles_role_search_vector_trigger
    BEFORE INSERT OR UPDATE OF title, short_name, summary, body_text, search_vector ON roles_role
    FOR EACH ROW EXECUTE FUNCTION roles_role_search_vector_update();

CREATE INDEX role_search_vector_gin ON roles_role USING gin (search_vector);

UPDATE roles_role SET title = title;
"""

BACKWARD = """
DROP INDEX IF EXISTS role_search_vector_gin;
DROP TRIGGER IF EXISTS roles_role_search_vector_trigger ON roles_role;
DROP FUNCTION IF EXISTS roles_role_search_vector_update();
"""


class Migration(migrations.Migration):
    dependencies = [("roles", "0001_initial")]

    operations = [PostgreSQLOnly(sql=FORWARD, reverse_sql=BACKWARD)]
