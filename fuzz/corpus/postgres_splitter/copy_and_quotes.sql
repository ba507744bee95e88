COPY person (id, name) FROM STDIN;
1	Ada
2	Grace; not a delimiter
\.
SELECT E'it\'s', U&'d\0061t\+000061', $tag$ body; $$ inner $$ $tag$;
/* outer /* nested */ still comment; */
CREATE INDEX CONCURRENTLY person_name ON person (name);
CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;
ALTER TYPE mood ADD VALUE 'meh';
