-- With the default statistics the planner assumes rare and unknown words are common and walks every conversation
-- looking for them (seconds on a million messages); a longer list of common lexemes lets it use the GIN index.
alter table messages alter column search set statistics 1000;
analyze messages;
