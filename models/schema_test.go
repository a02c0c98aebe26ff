package models_test

import (
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm/schema"

	"consult/internal/testutil"
	"consult/models"
)

// TestMigratedSchemaMatchesModels proves that the tables built by the SQL migrations are the ones
// the GORM models expect: same columns, compatible types, same nullability, declared indexes.
func TestMigratedSchemaMatchesModels(t *testing.T) {
	db := testutil.NewDB(t)
	migrator := db.Migrator()
	modelTables := map[string]bool{}

	for _, model := range models.All() {
		s, err := schema.Parse(model, &sync.Map{}, db.NamingStrategy)
		require.NoError(t, err)
		modelTables[s.Table] = true
		t.Run(s.Table, func(t *testing.T) {
			require.True(t, migrator.HasTable(model), "migrations create no table %s", s.Table)
			cols, err := migrator.ColumnTypes(model)
			require.NoError(t, err)
			dbCols := map[string]string{}
			nullable := map[string]bool{}
			for _, c := range cols {
				dbCols[c.Name()] = strings.ToLower(c.DatabaseTypeName())
				if n, ok := c.Nullable(); ok {
					nullable[c.Name()] = n
				}
			}
			var fieldNames []string
			for _, f := range s.Fields {
				if f.DBName == "" {
					continue
				}
				fieldNames = append(fieldNames, f.DBName)
				dbType, ok := dbCols[f.DBName]
				if !assert.True(t, ok, "model field %s.%s has no column", s.Name, f.Name) {
					continue
				}
				assert.True(t, compatible(f.FieldType, dbType), "%s.%s: Go %s vs column %s", s.Table, f.DBName, f.FieldType, dbType)
				if n, ok := nullable[f.DBName]; ok {
					assert.Equal(t, f.FieldType.Kind() == reflect.Pointer || f.FieldType.Kind() == reflect.Slice, n, "%s.%s: nullability differs from the model", s.Table, f.DBName)
				}
			}
			var columnNames []string
			for name := range dbCols {
				if !generatedColumn(s.Table, name) {
					columnNames = append(columnNames, name)
				}
			}
			sort.Strings(fieldNames)
			sort.Strings(columnNames)
			assert.Equal(t, columnNames, fieldNames, "columns of %s differ from the model's fields", s.Table)
			for _, idx := range s.ParseIndexes() {
				assert.True(t, migrator.HasIndex(model, idx.Name), "%s: index %s declared by the model is missing", s.Table, idx.Name)
			}
		})
	}

	tables, err := migrator.GetTables()
	require.NoError(t, err)
	for _, table := range tables {
		if table == "goose_db_version" || strings.HasPrefix(table, "sqlite_") || auxiliaryTable(table) {
			continue
		}
		assert.True(t, modelTables[table], "table %s has no model", table)
	}
}

// generatedColumn names columns that the database computes and only its queries read: the
// searched words of a comment on PostgreSQL (migration 00019).
func generatedColumn(table, name string) bool {
	return table == "comments" && name == "search_vector"
}

// auxiliaryTable names tables that only the database uses (full-text index shadows).
func auxiliaryTable(name string) bool {
	return strings.Contains(name, "_fts")
}

func compatible(goType reflect.Type, dbType string) bool {
	if goType.Kind() == reflect.Pointer {
		goType = goType.Elem()
	}
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(dbType, w) {
				return true
			}
		}
		return false
	}
	switch {
	case goType == reflect.TypeOf(time.Time{}):
		return has("timestamp", "datetime")
	case goType.Kind() == reflect.String:
		return has("text", "char", "uuid")
	case goType.Kind() == reflect.Bool:
		return has("bool")
	case goType.Kind() >= reflect.Int && goType.Kind() <= reflect.Uint64:
		return has("int")
	case goType.Kind() == reflect.Slice && goType.Elem().Kind() == reflect.Uint8:
		return has("blob", "bytea")
	default:
		return false
	}
}
