package org.yekuo.catalogue;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.catalogue.internal.BusinessTypes;
import org.yekuo.catalogue.internal.Materials;
import org.yekuo.shared.DomainException;

/**
 * Reads the catalogue. New orders take {@link #current}; an order already running reads the version it
 * started with through {@link #version}, which stays readable for ever. Unknown codes and versions are
 * refused as not found, naming what was asked for.
 */
@Service
@Transactional(readOnly = true)
public class Catalogue {

    private final BusinessTypes types;
    private final Materials materials;

    Catalogue(BusinessTypes types, Materials materials) {
        this.types = types;
        this.materials = materials;
    }

    /** All business types at their current version, in catalogue order. */
    public List<BusinessTypeSummary> types() {
        return types.summaries(Optional.empty());
    }

    public List<BusinessTypeSummary> types(ProcessFamily family) {
        return types.summaries(Optional.of(family));
    }

    public BusinessTypeDefinition current(String typeCode) {
        int version = types.currentVersion(typeCode).orElseThrow(() -> unknownType(typeCode));
        return version(typeCode, version);
    }

    public BusinessTypeDefinition version(String typeCode, int version) {
        return types.find(typeCode, version).orElseThrow(() -> types.currentVersion(typeCode).isPresent()
                ? DomainException.notFound("catalogue.version.not-found", typeCode, String.valueOf(version))
                : unknownType(typeCode));
    }

    /** Who changed the type when and how, newest version first. */
    public List<Revision> history(String typeCode) {
        List<Revision> revisions = types.revisions(typeCode);
        if (revisions.isEmpty()) {
            throw unknownType(typeCode);
        }
        return revisions;
    }

    public List<Material> materials() {
        return materials.all();
    }

    public List<AbolishedMaterial> abolishedMaterials() {
        return materials.abolished();
    }

    /** The abolished material with this code, if it is one: such a material must never be demanded. */
    public Optional<AbolishedMaterial> abolishedMaterial(String materialCode) {
        return materials.findAbolished(materialCode);
    }

    private static DomainException unknownType(String typeCode) {
        return DomainException.notFound("catalogue.type.not-found", typeCode);
    }
}
