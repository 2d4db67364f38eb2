-- DUO's register writes most school websites without a scheme (www.school.nl); the register
-- form refused them on an unchanged save. Koers now stores every address with one
-- (koers_core::website::normalise, used by the import and the form); this gives the stored
-- addresses theirs. Addresses that would still be invalid (white space, no dot) are left as
-- they are: the form asks for a correction when someone edits the school.
UPDATE schools
SET website = 'https://' || TRIM(website)
WHERE website IS NOT NULL
  AND TRIM(website) <> ''
  AND LOWER(TRIM(website)) NOT LIKE 'http://%'
  AND LOWER(TRIM(website)) NOT LIKE 'https://%'
  AND TRIM(website) NOT LIKE '% %'
  AND TRIM(website) LIKE '%.%'
  AND TRIM(website) NOT LIKE '%://%';
