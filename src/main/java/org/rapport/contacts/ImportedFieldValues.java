package org.rapport.contacts;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Custom field values in an imported CSV: a column whose header is the key of one of the workspace's fields (as the
 * CSV export writes them) fills that field. Cells are checked against the field's type; an empty cell leaves the
 * contact's value as it is.
 */
@Component
class ImportedFieldValues {

	private final CustomFields fields;

	ImportedFieldValues(CustomFields fields) {
		this.fields = fields;
	}

	/**
	 * The values of each CSV line (by line number), in normal form, keyed by field key. Columns mapped to a standard
	 * contact field are not read as custom fields. Adds a line error for each cell that does not fit its field.
	 */
	Map<Integer, Map<String, String>> read(UUID workspaceId, String content, Set<String> mappedColumns,
			List<ContactImports.LineError> errors) {
		Map<String, CustomFields.Field> byKey = new HashMap<>();
		fields.fields(workspaceId).forEach(f -> byKey.put(f.key(), f));
		Csv.Parsed parsed = Csv.parse(content == null ? "" : content);
		Map<Integer, Map<String, String>> result = new HashMap<>();
		if (byKey.isEmpty() || parsed.rows().isEmpty()) {
			return result;
		}
		List<String> header = parsed.rows().getFirst().fields().stream().map(String::strip).toList();
		Map<Integer, CustomFields.Field> columns = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			CustomFields.Field field = byKey.get(header.get(i));
			if (field != null && !mappedColumns.contains(header.get(i)) && !columns.containsValue(field)) {
				columns.put(i, field);
			}
		}
		for (Csv.Row row : parsed.rows().subList(1, parsed.rows().size())) {
			Map<String, String> values = new LinkedHashMap<>();
			for (var column : columns.entrySet()) {
				if (column.getKey() >= row.fields().size()) {
					continue; // the line's field count is reported by the preview
				}
				try {
					String value = CustomFields.normalise(column.getValue(), row.fields().get(column.getKey()));
					if (value != null) {
						values.put(column.getValue().key(), value);
					}
				}
				catch (IllegalArgumentException e) {
					errors.add(new ContactImports.LineError(row.line(), e.getMessage()));
				}
			}
			if (!values.isEmpty()) {
				result.put(row.line(), values);
			}
		}
		return result;
	}
}
