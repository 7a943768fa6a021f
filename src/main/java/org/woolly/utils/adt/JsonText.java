package org.woolly.utils.adt;

import java.util.List;

/**
 * Access into {@code json} values, which keep their text: {@code json_object_field},
 * {@code json_array_element}, {@code json_extract_path} and their {@code _text} forms
 * ({@code get_worker} in {@code jsonfuncs.c}). A json result is the source text of the value found,
 * as written; a text result unquotes a string and turns JSON null into SQL NULL. Of duplicate keys
 * the last one is found.
 */
final class JsonText {
    private JsonText() {}

    static String field(String json, String key, boolean asText) {
        return result(json, field(JsonParser.parse(json, true), key), asText);
    }

    static String element(String json, int index, boolean asText) {
        return result(json, element(JsonParser.parse(json, true), index), asText);
    }

    static String path(String json, List<String> path, boolean asText) {
        JsonParser.Node node = JsonParser.parse(json, true);
        for (String step : path) {
            if (step == null) {
                return null;
            }
            if (node instanceof JsonParser.ObjectNode) {
                node = field(node, step);
            } else if (node instanceof JsonParser.ArrayNode) {
                Integer index = JsonOperators.pathIndex(step);
                node = index == null ? null : element(node, index);
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return result(json, node, asText);
    }

    private static JsonParser.Node field(JsonParser.Node node, String key) {
        if (!(node instanceof JsonParser.ObjectNode object)) {
            return null;
        }
        JsonParser.Node found = null;
        for (int i = 0; i < object.keys().size(); i++) {
            if (object.keys().get(i).equals(key)) {
                found = object.values().get(i);
            }
        }
        return found;
    }

    private static JsonParser.Node element(JsonParser.Node node, int index) {
        if (!(node instanceof JsonParser.ArrayNode array)) {
            return null;
        }
        int at = index < 0 ? array.elements().size() + index : index;
        return at < 0 || at >= array.elements().size() ? null : array.elements().get(at);
    }

    static String result(String json, JsonParser.Node node, boolean asText) {
        if (node == null) {
            return null;
        }
        if (asText && node instanceof JsonParser.Scalar scalar) {
            return scalar.kind() == JsonParser.ScalarKind.NULL ? null : scalar.text();
        }
        return json.substring(node.start(), node.end());
    }
}
